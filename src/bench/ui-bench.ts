import { DuckDBInstance } from '@duckdb/node-api'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMA, STORAGE_VERSION } from '../store/duckdb/schema.js'
import { openDuckDbStore } from '../store/duckdb/store.js'
import type { Store } from '../store/store.js'
import { percentile } from './measure.js'

export interface UiBenchResult {
  events: number
  loadSeconds: number
  /** The overview's store queries, run together as GET /api/overview runs them. */
  overviewMs: { p50: number; p95: number }
  /** A user filter plus a 24 h range, first page of 50 and the total. */
  searchMs: { p50: number; p95: number }
  /** Facets and histogram for the same search. */
  facetsMs: { p50: number; p95: number }
}

const DAY = 86_400_000

// Rows are made by DuckDB itself from range(): the pipeline (normalize, redact, dedup) would take
// hours for 10M events and is measured by the ingest bench, not here. Times ascend with the row
// number, as appends in time order leave them, so zone maps prune time ranges as in production.
function generateSql(events: number, endMs: number): string {
  const spanMs = 7 * DAY
  return `INSERT INTO events SELECT
    'b' || i, 'ResponseComplete', epoch_ms((${endMs - spanMs}::BIGINT + (i * ${spanMs}::BIGINT) // ${events})::BIGINT), 'k8s-audit',
    ['prod', 'staging', 'dev'][1 + i % 3],
    ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'][1 + (hash(i) % 7)::INTEGER],
    'user-' || (hash(i + 1) % 500), ['system:authenticated'], NULL, NULL,
    ['10.0.' || (i % 250) || '.' || (hash(i) % 250)], 'kubectl/v1.31.0', '', 'v1',
    ['pods', 'secrets', 'configmaps', 'deployments', 'services', 'leases'][1 + (hash(i + 2) % 6)::INTEGER], NULL,
    'ns-' || (hash(i + 3) % 60), 'obj-' || (hash(i + 4) % 5000), [200, 200, 200, 201, 403, 404][1 + (hash(i + 5) % 6)::INTEGER], 'allow', '',
    '/api/v1/namespaces/x', '{"kind":"Event","auditID":"b' || i || '","note":"generated for the ui bench"}'
    FROM range(${events}) t(i)`
}

async function load(path: string, events: number, endMs: number): Promise<void> {
  const instance = await DuckDBInstance.create(path, { storage_compatibility_version: STORAGE_VERSION })
  const conn = await instance.connect()
  for (const ddl of SCHEMA) await conn.run(ddl)
  await conn.run(generateSql(events, endMs))
  await conn.run('CHECKPOINT')
  conn.closeSync()
  instance.closeSync()
}

async function timeRuns(runs: number, step: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await step(i)
    ms.push(performance.now() - start)
  }
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)) }
}

function overview(store: Store, now: number): Promise<unknown> {
  const hour = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000
  return Promise.all([
    store.clusterCounts({ from: new Date(now - DAY).toISOString() }, 3600),
    store.stats({ from: new Date(hour - DAY).toISOString(), to: new Date(hour + 3_600_000).toISOString(), bucketSeconds: 3600 }),
    store.queryAlerts({ from: new Date(now - 30 * DAY).toISOString(), limit: 10_000 }),
    store.queryFindings({ limit: 100_000 }),
  ])
}

/**
 * Load `events` generated events into a DuckDB file and time the overview's queries and a search
 * with a field filter and a time range (p50/p95 over repeated runs; the first run warms the cache).
 * @example const r = await uiBench(1_000_000); console.log(r.searchMs.p95)
 */
export async function uiBench(events: number, options: { runs?: number } = {}): Promise<UiBenchResult> {
  const runs = options.runs ?? 20
  const dir = mkdtempSync(join(tmpdir(), 'kubesiem-ui-bench-'))
  const path = join(dir, 'ui-bench.duckdb')
  const now = Date.now()
  try {
    const started = performance.now()
    await load(path, events, now)
    const loadSeconds = (performance.now() - started) / 1000
    const store = await openDuckDbStore({ path })
    try {
      await overview(store, now)
      const overviewMs = await timeRuns(Math.max(5, Math.floor(runs / 2)), () => overview(store, now))
      const search = (i: number) => ({ user: `user-${(i * 37) % 500}`, from: new Date(now - DAY).toISOString(), to: new Date(now).toISOString(), limit: 50 })
      const searchMs = await timeRuns(runs, (i) => store.queryEvents(search(i)))
      const facetsMs = await timeRuns(Math.max(5, Math.floor(runs / 2)), (i) => Promise.all([store.facets(search(i), ['cluster', 'verb', 'user', 'namespace', 'resource', 'responseCode', 'userAgent', 'sourceIP'], 10), store.clusterCounts(search(i), 1440)]))
      return { events, loadSeconds: Math.round(loadSeconds * 10) / 10, overviewMs, searchMs, facetsMs }
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
