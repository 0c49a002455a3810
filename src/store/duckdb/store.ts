import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { eventKey, KubesiemError, utcMs, type Alert, type BaselineEntry, type Finding, type KubeEvent } from '../../core/index.js'
import type { AlertException, AlertQuery, AlertTriage, AppendOptions, AppendResult, AuditEntry, ClusterBucket, DeadLetter, EventPage, EventQuery, FacetField, FacetValue, FindingQuery, RetentionPolicy, RuleState, SavedSearch, SessionRecord, StatsBucket, StatsQuery, Store, UserRecord } from '../store.js'
import { ALERT_SELECT, alertWhere, rowToAlert } from './alerts-sql.js'
import { joinEventRows, keepRows, toEventRows, type EventRowKey } from './event-rows.js'
import { facetSql } from './records-sql.js'
import { RecentKeys } from './recent-keys.js'
import { rowToDoc, rowToEvent } from './rows.js'
import { EVENT_COLUMNS, INSERT_FLAT_EVENT_ROWS, INSERT_JSON_EVENT_ROWS, SCHEMA, STORAGE_VERSION } from './schema.js'
import { buildEventWhere } from './where.js'
import { statsFromRows, STATS_SQL } from './stats.js'

export interface DuckDbStoreOptions {
  /** A file path, or `:memory:` for tests. */
  path: string
  /**
   * DuckDB's buffer-pool cap. Its default, 80% of RAM, keeps every ingested block cached: 860 MB
   * of RSS after 200k events here; 64 MB holds RSS near 400 MB and spills big queries to disk.
   */
  memoryLimit?: string
  /**
   * WAL size that triggers a checkpoint. The server raises it to keep checkpoints (which rewrite the
   * open row group) off the webhook's hot path; a bulk ingest keeps DuckDB's 16 MB, which also
   * bounds the unflushed data it holds in memory.
   */
  checkpointThreshold?: string
}

const EVENT_SELECT = `SELECT ${EVENT_COLUMNS.filter((c) => c !== 'time').join(', ')}, epoch_ms(time) AS ms FROM events`

/**
 * Serializes work on one connection: DuckDB transactions on a connection cannot interleave.
 * Every task first runs `beforeEach` (committing what a deferred append left open), unless the
 * task is itself an append that may keep the transaction open.
 */
class Serial {
  private tail: Promise<unknown> = Promise.resolve()
  constructor(private readonly beforeEach: () => Promise<void>) {}
  run<T>(task: () => Promise<T>, options: { keepsOpenTransaction?: boolean } = {}): Promise<T> {
    const step = async (): Promise<T> => {
      if (!options.keepsOpenTransaction) await this.beforeEach()
      return task()
    }
    const next = this.tail.then(step, step)
    this.tail = next.catch(() => undefined)
    return next
  }
}

// How many rows a deferred-commit ingest lets pile up before it commits: bounds what a crash can
// make a bulk ingest redo (dedup makes the redo harmless). Past a row group (122,880 rows) DuckDB
// writes the transaction's rows straight to the database file instead of the WAL and memory: a
// 2M-event ingest took a third less time and 70 MB less peak RSS than with 50,000.
const DEFERRED_COMMIT_ROWS = 500_000

// A quarter of DuckDB's default (122,880). A bulk append compresses and writes each row group as
// it fills, with buffers outside the buffer pool: appending 700k events peaked at 344 MB of RSS
// instead of 397 MB, in the same time.
const ROW_GROUP_SIZE = 30_720

// A path as an SQL string literal (ATTACH takes no parameters).
function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

// Without the ICU extension (not downloadable here) DuckDB has no time zones: times travel as epoch ms.
async function rows(conn: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params)
  return reader.getRowObjectsJS() as Record<string, unknown>[]
}

/**
 * The embedded default store. One process owns the file (DuckDB locks it); the CLI talks to the
 * server's API when a server runs.
 * @example const store = await openDuckDbStore({ path: 'data/kubesiem.duckdb' })
 */
export async function openDuckDbStore(options: DuckDbStoreOptions): Promise<Store> {
  const inMemory = options.path === ':memory:'
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true })
  let instance: DuckDBInstance | undefined
  let writer: DuckDBConnection
  let reader: DuckDBConnection
  try {
    // The store is attached rather than opened as the main database: only ATTACH sets the row group
    // size and the storage version.
    instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit ?? '64MB',
      checkpoint_threshold: options.checkpointThreshold ?? '16MB',
      // Where DuckDB spills when the store is its main database; an in-memory main one spills to ./.tmp.
      ...(inMemory ? {} : { temp_directory: `${options.path}.tmp` }),
    })
    writer = await instance.connect()
    await writer.run(`ATTACH ${sqlText(options.path)} AS store (ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, STORAGE_VERSION '${STORAGE_VERSION}')`)
    await writer.run('USE store')
    reader = await instance.connect()
    await reader.run('USE store')
  } catch (error) {
    instance?.closeSync()
    const detail = error instanceof Error ? error.message : String(error)
    if (/lock/i.test(detail)) throw new KubesiemError('KUBESIEM_STORE_LOCKED', { dir: dirname(options.path) })
    throw new KubesiemError('KUBESIEM_STORE_FAILED', { operation: 'open', detail })
  }
  for (const ddl of SCHEMA) await writer.run(ddl)
  const newest = (await rows(writer, 'SELECT epoch_ms(max(time)) AS ms FROM events'))[0]?.ms
  return new DuckDbStore(instance, writer, reader, new RecentKeys({ storedBeforeMs: newest === null || newest === undefined ? undefined : Number(newest) }))
}

class DuckDbStore implements Store {
  private readonly serial = new Serial(() => this.commitOpen())
  /** Rows in the transaction a deferred append left open; undefined when none is open. */
  private openRows: number | undefined
  // Prepared once for the life of the store: planning it again costs more than a small batch.
  private insertFlatRows: DuckDBPreparedStatement | undefined
  private insertJsonRows: DuckDBPreparedStatement | undefined

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    // Dedup of new events without a query; older ones are looked up (storedDuplicates).
    private readonly recent: RecentKeys,
  ) {}

  appendEvents(events: KubeEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    // Serialized now, not when its turn comes: while DuckDB inserts the batch before, and the
    // events can be collected before they wait in line.
    const batch = toEventRows(events)
    return this.serial.run(
      async () => {
        if (batch.keys.length === 0 && !options.cursor) return { stored: 0, duplicates: batch.received, storedKeys: new Set() }
        if (this.openRows === undefined) {
          await this.writer.run('BEGIN TRANSACTION')
          this.openRows = 0
        }
        try {
          const already = new Set<string>()
          const unvouched: EventRowKey[] = []
          for (const row of batch.keys) {
            if (!this.recent.covers(row.timeMs)) unvouched.push(row)
            else if (this.recent.has(row.key)) already.add(row.key)
          }
          for (const key of await this.storedDuplicates(unvouched)) already.add(key)
          const fresh = already.size === 0 ? batch : keepRows(batch, (i) => !already.has(batch.keys[i]!.key))
          const { flat, json } = joinEventRows(fresh)
          if (flat !== '') {
            this.insertFlatRows ??= await this.writer.prepare(INSERT_FLAT_EVENT_ROWS)
            this.insertFlatRows.bindVarchar(1, flat)
            await this.insertFlatRows.run()
          }
          if (json !== '') {
            this.insertJsonRows ??= await this.writer.prepare(INSERT_JSON_EVENT_ROWS)
            this.insertJsonRows.bindVarchar(1, json)
            await this.insertJsonRows.run()
          }
          if (options.cursor) await this.upsertCursor(options.cursor.name, options.cursor.value)
          this.openRows += fresh.keys.length
          // Each COMMIT writes and fsyncs the WAL: a bulk ingest shares one among many batches;
          // anything someone waits on commits now.
          if (!options.deferCommit || this.openRows >= DEFERRED_COMMIT_ROWS) await this.commitOpen()
          this.recent.add(fresh.keys)
          return { stored: fresh.keys.length, duplicates: batch.received - fresh.keys.length, storedKeys: new Set(fresh.keys.map((row) => row.key)) }
        } catch (error) {
          this.openRows = undefined
          this.recent.reset()
          await this.writer.run('ROLLBACK')
          throw new KubesiemError('KUBESIEM_STORE_FAILED', { operation: 'appendEvents', detail: String(error) })
        }
      },
      { keepsOpenTransaction: true },
    )
  }

  private async commitOpen(): Promise<void> {
    if (this.openRows === undefined) return
    this.openRows = undefined
    try {
      await this.writer.run('COMMIT')
    } catch (error) {
      // A failed commit rolls back every batch since the last one: those keys are not stored.
      this.recent.reset()
      throw error
    }
  }

  // A retried or replayed event carries the same stage timestamp, so only the batch's own time
  // range can hold its duplicates; literal bounds let DuckDB's zone maps skip everything else.
  private async storedDuplicates(batch: EventRowKey[]): Promise<Set<string>> {
    if (batch.length === 0) return new Set()
    const from = batch[0]!.timeMs
    const to = batch[batch.length - 1]!.timeMs
    const found = await rows(
      this.writer,
      `SELECT e.id, e.stage FROM events e WHERE e.time BETWEEN epoch_ms(${from}::BIGINT) AND epoch_ms(${to}::BIGINT)
       AND (e.id || '/' || e.stage) IN (SELECT unnest($1::VARCHAR[]))`,
      [listValue(batch.map((row) => row.key))],
    )
    return new Set(found.map((r) => eventKey({ id: String(r.id), stage: String(r.stage) })))
  }

  async queryEvents(query: EventQuery): Promise<EventPage> {
    const where = buildEventWhere(query)
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 10_000)
    const offset = Math.max(query.offset ?? 0, 0)
    const [page, count] = await Promise.all([
      rows(this.reader, `${EVENT_SELECT} ${where.sql} ORDER BY time DESC, id LIMIT ${limit} OFFSET ${offset}`, where.params),
      rows(this.reader, `SELECT count(*)::INTEGER AS n FROM events ${where.sql}`, where.params),
    ])
    return { events: page.map(rowToEvent), total: Number(count[0]?.n ?? 0) }
  }

  async stats(query: StatsQuery): Promise<StatsBucket[]> {
    const where = buildEventWhere(query)
    const bucket = Math.max(1, Math.floor(query.bucketSeconds ?? 3600))
    return statsFromRows(await rows(this.reader, STATS_SQL(bucket, where.sql), where.params))
  }

  async countEvents(): Promise<number> {
    return Number((await rows(this.reader, 'SELECT count(*)::INTEGER AS n FROM events'))[0]?.n ?? 0)
  }

  async getCursor(name: string): Promise<string | undefined> {
    const found = await rows(this.reader, 'SELECT value FROM cursors WHERE name = $1', [name])
    return found[0] ? String(found[0].value) : undefined
  }

  setCursor(name: string, value: string): Promise<void> {
    return this.serial.run(() => this.upsertCursor(name, value))
  }

  private async upsertCursor(name: string, value: string): Promise<void> {
    await this.writer.run('INSERT OR REPLACE INTO cursors VALUES ($1, $2)', [name, value])
  }

  appendDeadLetters(letters: DeadLetter[]): Promise<void> {
    return this.serial.run(async () => {
      for (const l of letters) {
        await this.writer.run('INSERT INTO dead_letters VALUES (epoch_ms($1::BIGINT), $2, $3, $4, $5, $6)', [utcMs(l.time), l.source, l.where, l.code, l.message, l.sample])
      }
    })
  }

  async countDeadLetters(): Promise<number> {
    return Number((await rows(this.reader, 'SELECT count(*)::INTEGER AS n FROM dead_letters'))[0]?.n ?? 0)
  }

  upsertAlerts(alerts: Alert[]): Promise<void> {
    return this.serial.run(async () => {
      for (const a of alerts) {
        // ON CONFLICT keeps `created` from the first insert: that is the detection time.
        await this.writer.run(
          `INSERT INTO alerts (id, rule_id, severity, status, cluster, first_seen, last_seen, doc, created)
           VALUES ($1, $2, $3, $4, $5, epoch_ms($6::BIGINT), epoch_ms($7::BIGINT), $8, epoch_ms($9::BIGINT))
           ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, first_seen = excluded.first_seen, last_seen = excluded.last_seen, doc = excluded.doc`,
          [a.id, a.rule.id, a.severity, a.status, a.entity.cluster, utcMs(a.firstSeen), utcMs(a.lastSeen), JSON.stringify(a), a.detectedAt ? utcMs(a.detectedAt) : Date.now()],
        )
      }
    })
  }

  async queryAlerts(query: AlertQuery): Promise<{ alerts: Alert[]; total: number }> {
    const where = alertWhere(query)
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 10_000)
    const [page, count] = await Promise.all([
      rows(this.reader, `${ALERT_SELECT} ${where.sql} ORDER BY a.last_seen DESC, a.id LIMIT ${limit} OFFSET ${Math.max(query.offset ?? 0, 0)}`, where.params),
      rows(this.reader, `SELECT count(*)::INTEGER AS n FROM alerts a LEFT JOIN alert_triage t ON t.id = a.id ${where.sql}`, where.params),
    ])
    return { alerts: page.map(rowToAlert), total: Number(count[0]?.n ?? 0) }
  }

  async getAlert(id: string): Promise<Alert | undefined> {
    const found = await rows(this.reader, `${ALERT_SELECT} WHERE a.id = $1`, [id])
    return found[0] ? rowToAlert(found[0]) : undefined
  }

  setTriage(id: string, triage: AlertTriage): Promise<void> {
    return this.serial.run(async () => {
      await this.writer.run('INSERT OR REPLACE INTO alert_triage VALUES ($1, $2, $3)', [id, triage.status, JSON.stringify(triage)])
    })
  }

  async facets(query: EventQuery, fields: readonly FacetField[], top = 10): Promise<Record<string, FacetValue[]>> {
    const out: Record<string, FacetValue[]> = Object.fromEntries(fields.map((f) => [f, []]))
    if (fields.length === 0) return out
    const where = buildEventWhere(query)
    for (const row of await rows(this.reader, facetSql(fields, where.sql, Math.max(1, Math.min(top, 100))), where.params)) {
      out[String(row.field)]!.push({ value: String(row.value ?? ''), count: Number(row.n) })
    }
    for (const list of Object.values(out)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    return out
  }

  async clusterCounts(query: EventQuery, bucketSeconds: number): Promise<ClusterBucket[]> {
    const where = buildEventWhere(query)
    const bucket = Math.max(1, Math.floor(bucketSeconds))
    const found = await rows(this.reader, `SELECT epoch_ms(time_bucket(INTERVAL ${bucket} SECOND, time)) AS ms, cluster, count(*)::INTEGER AS n FROM events ${where.sql} GROUP BY ALL ORDER BY ms, cluster`, where.params)
    return found.map((r) => ({ start: new Date(Number(r.ms)).toISOString(), cluster: String(r.cluster), count: Number(r.n) }))
  }

  private putDoc(table: string, key: string, doc: unknown): Promise<void> {
    return this.serial.run(async () => {
      await this.writer.run(`INSERT OR REPLACE INTO ${table} VALUES ($1, $2)`, [key, JSON.stringify(doc)])
    })
  }

  private async docs<T>(sql: string, params: (string | number)[] = []): Promise<T[]> {
    return (await rows(this.reader, sql, params)).map((r) => JSON.parse(String(r.doc)) as T)
  }

  private deleteWhere(sql: string, params: (string | number)[]): Promise<boolean> {
    return this.serial.run(async () => (await rows(this.writer, `${sql} RETURNING 1`, params)).length > 0)
  }

  upsertUser(user: UserRecord): Promise<void> {
    return this.putDoc('users', user.name, user)
  }

  async getUser(name: string): Promise<UserRecord | undefined> {
    return (await this.docs<UserRecord>('SELECT doc FROM users WHERE name = $1', [name]))[0]
  }

  listUsers(): Promise<UserRecord[]> {
    return this.docs<UserRecord>('SELECT doc FROM users ORDER BY name')
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.serial.run(async () => {
      // Expired sessions go whenever a new one is made: the table stays as small as the logged-in users.
      await this.writer.run('DELETE FROM sessions WHERE expires_ms < $1', [Date.now()])
      await this.writer.run('INSERT OR REPLACE INTO sessions VALUES ($1, $2, $3)', [session.id, utcMs(session.expiresAt), JSON.stringify(session)])
    })
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    return (await this.docs<SessionRecord>('SELECT doc FROM sessions WHERE id = $1 AND expires_ms > $2', [id, Date.now()]))[0]
  }

  async deleteSession(id: string): Promise<void> {
    await this.deleteWhere('DELETE FROM sessions WHERE id = $1', [id])
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.serial.run(async () => {
      await this.writer.run('INSERT INTO audit_trail VALUES (epoch_ms($1::BIGINT), $2, $3, $4)', [utcMs(entry.time), entry.actor, entry.action, JSON.stringify(entry)])
    })
  }

  queryAudit(query: { action?: string; actor?: string; limit?: number }): Promise<AuditEntry[]> {
    const clauses: string[] = []
    const params: string[] = []
    for (const [column, value] of [['action', query.action], ['actor', query.actor]] as const) {
      if (!value) continue
      params.push(value)
      clauses.push(`${column} = $${params.length}`)
    }
    const limit = Math.min(Math.max(query.limit ?? 200, 1), 10_000)
    return this.docs<AuditEntry>(`SELECT doc FROM audit_trail ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY time DESC LIMIT ${limit}`, params)
  }

  upsertException(exception: AlertException): Promise<void> {
    return this.putDoc('alert_exceptions', exception.id, exception)
  }

  listExceptions(): Promise<AlertException[]> {
    return this.docs<AlertException>('SELECT doc FROM alert_exceptions ORDER BY id')
  }

  deleteException(id: string): Promise<boolean> {
    return this.deleteWhere('DELETE FROM alert_exceptions WHERE id = $1', [id])
  }

  saveSearch(search: SavedSearch): Promise<void> {
    return this.serial.run(async () => {
      await this.writer.run('INSERT OR REPLACE INTO saved_searches VALUES ($1, $2, $3)', [search.id, search.owner, JSON.stringify(search)])
    })
  }

  listSavedSearches(owner: string): Promise<SavedSearch[]> {
    return this.docs<SavedSearch>(`SELECT doc FROM saved_searches WHERE owner = $1 ORDER BY json_extract_string(doc, '$.name')`, [owner])
  }

  deleteSavedSearch(owner: string, id: string): Promise<boolean> {
    return this.deleteWhere('DELETE FROM saved_searches WHERE owner = $1 AND id = $2', [owner, id])
  }

  setRuleState(state: RuleState): Promise<void> {
    return this.putDoc('rule_states', state.ruleId, state)
  }

  listRuleStates(): Promise<RuleState[]> {
    return this.docs<RuleState>('SELECT doc FROM rule_states ORDER BY rule_id')
  }

  appendFindings(findings: Finding[]): Promise<void> {
    return this.serial.run(async () => {
      for (const f of findings) {
        await this.writer.run('INSERT INTO findings VALUES ($1, $2, $3, epoch_ms($4::BIGINT), $5)', [f.checkId, f.severity, f.cluster ?? null, f.time ? utcMs(f.time) : Date.now(), JSON.stringify(f)])
      }
    })
  }

  async queryFindings(query: FindingQuery): Promise<Finding[]> {
    const clauses: string[] = []
    const params: string[] = []
    for (const [column, value] of [['check_id', query.checkId], ['severity', query.severity], ['cluster', query.cluster]] as const) {
      if (value) {
        params.push(value)
        clauses.push(`${column} = $${params.length}`)
      }
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    const limit = Math.min(Math.max(query.limit ?? 1000, 1), 100_000)
    return (await rows(this.reader, `SELECT doc FROM findings ${where} ORDER BY time DESC LIMIT ${limit}`, params)).map((r) => rowToDoc<Finding>(r))
  }

  async loadBaseline(): Promise<BaselineEntry[]> {
    return (await rows(this.reader, 'SELECT rule, identity, value, first_ms FROM baselines ORDER BY first_ms')).map((r) => ({
      rule: String(r.rule), identity: String(r.identity), value: String(r.value), firstMs: Number(r.first_ms),
    }))
  }

  appendBaseline(entries: BaselineEntry[]): Promise<void> {
    return this.serial.run(async () => {
      if (entries.length === 0) return
      const appender = await this.writer.createAppender('baselines')
      for (const e of entries) {
        appender.appendVarchar(e.rule)
        appender.appendVarchar(e.identity)
        appender.appendVarchar(e.value)
        appender.appendBigInt(BigInt(e.firstMs))
        appender.endRow()
      }
      appender.closeSync()
    })
  }

  applyRetention(policy: RetentionPolicy): Promise<{ deleted: number }> {
    this.recent.reset()
    return this.serial.run(async () => {
      let deleted = 0
      if (policy.maxAgeDays !== undefined) {
        const cutoff = Date.now() - policy.maxAgeDays * 86_400_000
        deleted += (await rows(this.writer, 'DELETE FROM events WHERE time < epoch_ms($1::BIGINT) RETURNING 1', [cutoff])).length
      }
      if (policy.maxEvents !== undefined) {
        const n = Number((await rows(this.writer, 'SELECT count(*)::BIGINT AS n FROM events'))[0]?.n ?? 0)
        if (n > policy.maxEvents) {
          const excess = n - policy.maxEvents
          deleted += (await rows(this.writer, `DELETE FROM events WHERE rowid IN (SELECT rowid FROM events ORDER BY time LIMIT ${excess}) RETURNING 1`)).length
        }
      }
      if (deleted > 0) await this.writer.run('CHECKPOINT')
      return { deleted }
    })
  }

  close(): Promise<void> {
    return this.serial.run(async () => {
      this.insertFlatRows?.destroySync()
      this.insertJsonRows?.destroySync()
      this.reader.closeSync()
      this.writer.closeSync()
      this.instance.closeSync()
    })
  }
}
