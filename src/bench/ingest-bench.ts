import { rmSync } from 'node:fs'
import { runIngest } from '../cli/commands/ingest.js'

/**
 * Ingest a file into a fresh data folder through the path `kubesiem ingest` takes; returns events
 * stored and the peak RSS seen (sampled every 50 ms).
 * @example await ingestFile('audit.jsonl', '.bench/db')
 */
export async function ingestFile(path: string, dir: string): Promise<{ stored: number; peakRssMb: number }> {
  rmSync(dir, { recursive: true, force: true })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  try {
    const report = await runIngest([path], { data: dir, cluster: 'bench' })
    return { stored: report.stored, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) }
  } finally {
    clearInterval(sampler)
  }
}
