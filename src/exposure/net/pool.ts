/**
 * Run `work` over `items` with at most `concurrency` at once. `work` must not throw: each job
 * records its own failure, so one bad target never stops the others.
 * @example await runPool(endpoints, 32, probeEndpoint)
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0
  const worker = async (): Promise<void> => {
    while (index < items.length) await work(items[index++]!)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker))
}
