import { DuckDBInstance, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { eventKey, KubesiemError, type Alert, type BaselineEntry, type Finding, type KubeEvent } from '../../core/index.js'
import type { AlertQuery, AppendResult, DeadLetter, EventPage, EventQuery, FindingQuery, RetentionPolicy, StatsBucket, StatsQuery, Store } from '../store.js'
import { appendEventRow } from './append.js'
import { rowToDoc, rowToEvent } from './rows.js'
import { EVENT_COLUMNS, SCHEMA, STAGING_DDL } from './schema.js'
import { buildEventWhere } from './where.js'
import { statsFromRows, STATS_SQL } from './stats.js'

export interface DuckDbStoreOptions {
  /** A file path, or `:memory:` for tests. */
  path: string
}

const EVENT_SELECT = `SELECT ${EVENT_COLUMNS.filter((c) => c !== 'time').join(', ')}, epoch_ms(time) AS ms FROM events`

/** Serializes work on one connection: DuckDB transactions on a connection cannot interleave. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task)
    this.tail = next.catch(() => undefined)
    return next
  }
}

// (auditID, stage) repeats inside one batch too: kube-apiserver retries, replays of a file.
function uniqueByKey(events: KubeEvent[]): KubeEvent[] {
  const seen = new Set<string>()
  return events.filter((event) => {
    const key = eventKey(event)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// Without the ICU extension (not downloadable here) DuckDB has no time zones: times travel as epoch ms.
function toMs(iso: string): number {
  return Date.parse(iso)
}

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
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
  let instance: DuckDBInstance
  try {
    instance = await DuckDBInstance.create(options.path)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    if (/lock/i.test(detail)) throw new KubesiemError('KUBESIEM_STORE_LOCKED', { dir: dirname(options.path) })
    throw new KubesiemError('KUBESIEM_STORE_FAILED', { operation: 'open', detail })
  }
  const writer = await instance.connect()
  const reader = await instance.connect()
  for (const ddl of SCHEMA) await writer.run(ddl)
  await writer.run(STAGING_DDL)
  return new DuckDbStore(instance, writer, reader)
}

class DuckDbStore implements Store {
  private readonly serial = new Serial()
  // One appender for the life of the store: creating one costs more than filling it with a batch.
  private staging: DuckDBAppender | undefined

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {}

  appendEvents(events: KubeEvent[], options: { cursor?: { name: string; value: string } } = {}): Promise<AppendResult> {
    return this.serial.run(async () => {
      const unique = uniqueByKey(events)
      if (unique.length === 0 && !options.cursor) return { stored: 0, duplicates: events.length, storedKeys: new Set() }
      unique.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
      this.staging ??= await this.writer.createAppender('events_staging', 'main', 'temp')
      for (const event of unique) appendEventRow(this.staging, event)
      this.staging.flushSync()
      await this.writer.run('BEGIN TRANSACTION')
      try {
        const already = await this.storedDuplicates(unique)
        if (already.size > 0) {
          await this.writer.run(`DELETE FROM temp.events_staging WHERE (id || '/' || stage) IN (SELECT unnest($1::VARCHAR[]))`, [listValue([...already])])
        }
        await this.writer.run('INSERT INTO events SELECT * FROM temp.events_staging')
        if (options.cursor) await this.upsertCursor(options.cursor.name, options.cursor.value)
        await this.writer.run('COMMIT')
        const storedKeys = new Set(unique.map(eventKey).filter((key) => !already.has(key)))
        return { stored: storedKeys.size, duplicates: events.length - storedKeys.size, storedKeys }
      } catch (error) {
        await this.writer.run('ROLLBACK')
        throw new KubesiemError('KUBESIEM_STORE_FAILED', { operation: 'appendEvents', detail: String(error) })
      } finally {
        await this.writer.run('DELETE FROM temp.events_staging')
      }
    })
  }

  // A retried or replayed event carries the same stage timestamp, so only the batch's own time
  // range can hold its duplicates; literal bounds let DuckDB's zone maps skip everything else.
  private async storedDuplicates(batch: KubeEvent[]): Promise<Set<string>> {
    if (batch.length === 0) return new Set()
    const from = toMs(batch[0]!.time)
    const to = toMs(batch[batch.length - 1]!.time)
    const found = await rows(
      this.writer,
      `SELECT e.id, e.stage FROM events e SEMI JOIN temp.events_staging s ON e.id = s.id AND e.stage = s.stage
       WHERE e.time BETWEEN epoch_ms(${from}::BIGINT) AND epoch_ms(${to}::BIGINT)`,
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
        await this.writer.run('INSERT INTO dead_letters VALUES (epoch_ms($1::BIGINT), $2, $3, $4, $5, $6)', [toMs(l.time), l.source, l.where, l.code, l.message, l.sample])
      }
    })
  }

  async countDeadLetters(): Promise<number> {
    return Number((await rows(this.reader, 'SELECT count(*)::INTEGER AS n FROM dead_letters'))[0]?.n ?? 0)
  }

  upsertAlerts(alerts: Alert[]): Promise<void> {
    return this.serial.run(async () => {
      for (const a of alerts) {
        await this.writer.run(
          'INSERT OR REPLACE INTO alerts VALUES ($1, $2, $3, $4, $5, epoch_ms($6::BIGINT), epoch_ms($7::BIGINT), $8)',
          [a.id, a.rule.id, a.severity, a.status, a.entity.cluster, toMs(a.firstSeen), toMs(a.lastSeen), JSON.stringify(a)],
        )
      }
    })
  }

  async queryAlerts(query: AlertQuery): Promise<{ alerts: Alert[]; total: number }> {
    const clauses: string[] = []
    const params: (string | number)[] = []
    const add = (column: string, value: string | undefined, op = '='): void => {
      if (value === undefined || value === '') return
      const isTime = column === 'last_seen'
      params.push(isTime ? toMs(value) : value)
      clauses.push(isTime ? `${column} ${op} epoch_ms($${params.length}::BIGINT)` : `${column} ${op} $${params.length}`)
    }
    add('cluster', query.cluster)
    add('severity', query.severity)
    add('rule_id', query.ruleId)
    add('status', query.status)
    add('last_seen', query.from, '>=')
    add('last_seen', query.to, '<')
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 10_000)
    const [page, count] = await Promise.all([
      rows(this.reader, `SELECT doc FROM alerts ${where} ORDER BY last_seen DESC, id LIMIT ${limit} OFFSET ${Math.max(query.offset ?? 0, 0)}`, params),
      rows(this.reader, `SELECT count(*)::INTEGER AS n FROM alerts ${where}`, params),
    ])
    return { alerts: page.map((r) => rowToDoc<Alert>(r)), total: Number(count[0]?.n ?? 0) }
  }

  appendFindings(findings: Finding[]): Promise<void> {
    return this.serial.run(async () => {
      for (const f of findings) {
        await this.writer.run('INSERT INTO findings VALUES ($1, $2, $3, epoch_ms($4::BIGINT), $5)', [f.checkId, f.severity, f.cluster ?? null, f.time ? toMs(f.time) : Date.now(), JSON.stringify(f)])
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
      this.staging?.closeSync()
      this.reader.closeSync()
      this.writer.closeSync()
      this.instance.closeSync()
    })
  }
}
