import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { KubesiemError } from '../../core/index.js'
import { createPipeline, emptyReport, mergeReport, type IngestReport } from '../../pipeline/ingest.js'
import type { SourceRecord } from '../../pipeline/stages.js'
import { followAuditFile, readAuditFile, type FollowCursor } from '../../sources/k8s-audit-file/index.js'
import { openDuckDbStore } from '../../store/duckdb/store.js'
import { postEvents } from '../api-client.js'
import { readCursor, writeCursor } from '../follow-cursor.js'
import { limitHeapGrowth } from '../heap-growth.js'
import { startProgress } from '../progress.js'
import { findServer, type ServerTarget } from '../server-link.js'

export interface IngestOptions {
  data: string
  cluster: string
  follow?: boolean
  server?: string
  token?: string
}

// Records per batch into the store file. Small batches die young in V8's young generation instead
// of piling up, promoted, in the old one: 2M events peaked at 473 MB of RSS instead of 574 MB, and
// took 75 s instead of 93 s (with 2,000).
const STORE_BATCH = 500

type Ingest = (records: SourceRecord[], cursor?: { name: string; value: string }) => Promise<IngestReport>

// Through a running server: parse errors are counted here, the rest is posted as the webhook would be.
function viaServer(target: ServerTarget, cluster: string): Ingest {
  return async (records) => {
    const local = emptyReport()
    const values: unknown[] = []
    for (const r of records) {
      if ('error' in r) {
        local.read += 1
        local.rejected += 1
        local.reasons[r.error.code] = (local.reasons[r.error.code] ?? 0) + 1
        local.errors.push({ where: r.where, code: r.error.code, message: r.error.message })
      } else values.push(r.value)
    }
    // Posted in slices well under the server's body limit.
    for (let i = 0; i < values.length; i += 1000) mergeReport(local, await postEvents(target, cluster, values.slice(i, i + 1000)))
    return local
  }
}

/**
 * Ingest batches with one in flight: while DuckDB commits batch N on its own threads, this thread
 * already parses batch N+1 (the store keeps the order). Two cores, both busy.
 */
async function ingestOverlapped(batches: AsyncIterable<SourceRecord[]>, ingest: Ingest, total: IngestReport): Promise<void> {
  let inflight: Promise<IngestReport> | undefined
  try {
    for await (const batch of batches) {
      const next = ingest(batch)
      if (inflight) mergeReport(total, await inflight)
      inflight = next
    }
  } finally {
    if (inflight) mergeReport(total, await inflight)
  }
}

/** Print the end-of-ingest summary: read, stored, duplicated, rejected and why. */
export function printReport(report: IngestReport, write: (line: string) => void): void {
  write(`read ${report.read}, stored ${report.stored}, duplicates ${report.duplicates}, rejected ${report.rejected}`)
  for (const [code, n] of Object.entries(report.reasons)) write(`  rejected ${n} × ${code}`)
  for (const e of report.errors) write(`  ${e.message}`)
}

/**
 * `kubesiem ingest FILE...`: through the running server when one owns the data folder, else into
 * the store file directly. Returns the summed report.
 * @example await runIngest(['audit.log'], { data: './data', cluster: 'prod' })
 */
export async function runIngest(files: string[], options: IngestOptions): Promise<IngestReport> {
  const target = findServer({ dataDir: options.data, server: options.server, token: options.token })
  const store = target ? undefined : await openDuckDbStore({ path: join(options.data, 'kubesiem.duckdb') })
  // Into the store file, this process parses and stores every event itself.
  const restoreHeapGrowth = store ? limitHeapGrowth() : undefined
  // A follower saves its cursor with each batch, so only a one-shot ingest defers its commits.
  const ingest: Ingest = target ? viaServer(target, options.cluster) : createPipeline({ store: store!, deferCommit: !options.follow }).ingest
  const total = emptyReport()
  try {
    if (options.follow) {
      if (files.length !== 1) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: '--follow takes exactly one file' })
      await follow(resolve(files[0]!), options, ingest, store)
      return total
    }
    const sizes = files.map((f) => {
      try {
        return statSync(f).size
      } catch {
        return 0
      }
    })
    const progress = startProgress(sizes.reduce((a, b) => a + b, 0))
    let done = 0
    for (const [i, file] of files.entries()) {
      await ingestOverlapped(readAuditFile(file, { cluster: options.cluster, batchSize: target ? undefined : STORE_BATCH, onBytes: (b) => progress.update(done + b, total.read) }), ingest, total)
      done += sizes[i]!
    }
    progress.stop()
    return total
  } finally {
    await store?.close()
    restoreHeapGrowth?.()
  }
}

async function follow(path: string, options: IngestOptions, ingest: Ingest, store: Awaited<ReturnType<typeof openDuckDbStore>> | undefined): Promise<void> {
  const name = `follow:${path}`
  const saved = store ? await store.getCursor(name) : readCursor(options.data, name)
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  console.error(`following ${path}${saved ? ` from ${saved}` : ''} (Ctrl-C to stop)`)
  for await (const batch of followAuditFile(path, { cluster: options.cluster, cursor: saved ? (JSON.parse(saved) as FollowCursor) : undefined, signal: controller.signal })) {
    const cursor = { name, value: JSON.stringify(batch.cursor) }
    const report = await ingest(batch.records, store ? cursor : undefined)
    // Through a server the cursor is saved only after the server acknowledged the batch.
    if (!store) writeCursor(options.data, name, cursor.value)
    if (report.read > 0) printReport(report, (line) => console.error(line))
  }
}
