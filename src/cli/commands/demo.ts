import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { DEMO_EPOCH, generateDemoEvents } from '../../demo/generate.js'

/**
 * `kubesiem demo generate`: write the deterministic demo audit stream as JSON Lines.
 * @example await runDemoGenerate({ out: 'demo.jsonl', events: 5000, seed: 1 })
 */
export async function runDemoGenerate(options: { out?: string; events: number; seed?: number; end?: string }): Promise<number> {
  const events = generateDemoEvents({ events: options.events, seed: options.seed, end: options.end ? new Date(options.end) : DEMO_EPOCH })
  const out = options.out && options.out !== '-' ? createWriteStream(options.out) : process.stdout
  for (const event of events) {
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain')
  }
  if (out !== process.stdout) {
    out.end()
    await once(out, 'finish')
  }
  return events.length
}
