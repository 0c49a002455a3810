import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { createPipeline } from '../pipeline/ingest.js'
import { readAuditFile } from '../sources/k8s-audit-file/index.js'
import { openDuckDbStore } from '../store/duckdb/store.js'

/**
 * Ingest a file into a fresh DuckDB store in `dir`, the path `kubesiem ingest` takes; returns
 * events stored and the peak RSS seen (sampled every 50 ms).
 * @example await ingestFile('audit.jsonl', '.bench/db')
 */
export async function ingestFile(path: string, dir: string): Promise<{ stored: number; peakRssMb: number }> {
  rmSync(dir, { recursive: true, force: true })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const store = await openDuckDbStore({ path: join(dir, 'kubesiem.duckdb') })
  const pipeline = createPipeline({ store })
  let stored = 0
  try {
    for await (const batch of readAuditFile(path, { cluster: 'bench' })) stored += (await pipeline.ingest(batch)).stored
  } finally {
    clearInterval(sampler)
    await store.close()
  }
  return { stored, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) }
}
