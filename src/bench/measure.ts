import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** Events per second and wall time of one measured step. */
export interface Rate {
  events: number
  seconds: number
  perSecond: number
}

/**
 * Time an async step that handles `events` events.
 * @example const r = await timeIt(200_000, () => ingestFile(path))
 */
export async function timeIt(events: number, step: () => Promise<unknown>): Promise<Rate> {
  const start = process.hrtime.bigint()
  await step()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { events, seconds, perSecond: events / seconds }
}

/** Rounds of the floor then the measured step, back to back, and the median of their ratios. */
export interface RatioRounds {
  rounds: { floor: Rate; measured: Rate }[]
  /** The median of the rounds' measured/floor ratios of events per second. */
  medianRatio: number
}

// This machine's speed drifts by half within minutes (the floor alone ranged 88k–160k events/s in
// one session): each round measures the floor and the step back to back, and the median ratio is
// reported beside every round's.
const ROUNDS = 3

/**
 * Measure a step against the JSON.parse floor of the same file, in {@link ROUNDS} rounds.
 * @example const { medianRatio } = await ratioRounds(file, lines, () => ingestFile(file, dir))
 */
export async function ratioRounds(file: string, events: number, step: () => Promise<unknown>): Promise<RatioRounds> {
  const rounds: RatioRounds['rounds'] = []
  for (let i = 0; i < ROUNDS; i++) {
    const floor = await timeIt(events, () => parseFloor(file))
    rounds.push({ floor, measured: await timeIt(events, step) })
  }
  const ratios = rounds.map((r) => r.measured.perSecond / r.floor.perSecond).sort((a, b) => a - b)
  return { rounds, medianRatio: ratios[Math.floor(ratios.length / 2)]! }
}

/** The floor: read the file's lines and JSON.parse each, doing nothing else. */
export async function parseFloor(path: string): Promise<number> {
  let n = 0
  const lines = createInterface({ input: createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line) {
      JSON.parse(line)
      n += 1
    }
  }
  return n
}

/** The p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}
