import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { runIngest } from '../cli/commands/ingest.js'

const run = promisify(execFile)

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

/**
 * The same ingest in a fresh child process: its peak RSS (getrusage maxRSS) is the ingest's own.
 * @example await ingestFileInChild('.bench/audit-2000000.jsonl', '.bench/db-big')
 */
export async function ingestFileInChild(path: string, dir: string): Promise<{ stored: number; peakRssMb: number }> {
  rmSync(dir, { recursive: true, force: true })
  const child = fileURLToPath(new URL('./ingest-child.js', import.meta.url))
  const { stdout } = await run(process.execPath, [child, path, dir], { maxBuffer: 1 << 20 })
  return JSON.parse(stdout) as { stored: number; peakRssMb: number }
}
