import { eventKey, type KubeEvent } from '../core/index.js'
import type { AppendResult, DeadLetter, Store } from '../store/store.js'
import type { RedactOptions } from './redact/redact.js'
import { prepareBatch, type SourceRecord } from './stages.js'

/** What one ingest did: every record is read, then stored, a duplicate, or rejected with a reason. */
export interface IngestReport {
  read: number
  stored: number
  duplicates: number
  rejected: number
  /** Rejections by error code. */
  reasons: Record<string, number>
  /** The first rejections in full, for the operator. */
  errors: { where: string; code: string; message: string }[]
}

/** Called with the events a batch newly stored (never duplicates): detection hangs here. */
export type StoredEventsListener = (events: KubeEvent[]) => Promise<void> | void

export interface PipelineOptions {
  store: Store
  redact?: RedactOptions
  onStored?: StoredEventsListener
  /** How many rejections to keep in full in a report. */
  maxErrorsInReport?: number
  /** Where an `onStored` failure goes; it never fails the ingest, whose batch is already stored. */
  onListenerError?: (error: unknown) => void
  /** Bulk file ingest: let the store batch commits (see AppendOptions.deferCommit). */
  deferCommit?: boolean
}

// A batch may hold the same (auditID, stage) twice; only its first copy was stored.
function newlyStored(events: KubeEvent[], storedKeys: Set<string>): KubeEvent[] {
  const seen = new Set<string>()
  return events.filter((event) => {
    const key = eventKey(event)
    if (!storedKeys.has(key) || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A report with nothing in it yet. */
export function emptyReport(): IngestReport {
  return { read: 0, stored: 0, duplicates: 0, rejected: 0, reasons: {}, errors: [] }
}

/** Add one report into a running total. */
export function mergeReport(total: IngestReport, part: IngestReport, maxErrors = 20): IngestReport {
  total.read += part.read
  total.stored += part.stored
  total.duplicates += part.duplicates
  total.rejected += part.rejected
  for (const [code, n] of Object.entries(part.reasons)) total.reasons[code] = (total.reasons[code] ?? 0) + n
  total.errors.push(...part.errors.slice(0, Math.max(0, maxErrors - total.errors.length)))
  return total
}

/** A batch past the pure stages, ready to store: its events and its rejections as dead letters. */
export interface StorableBatch {
  events: KubeEvent[]
  deadLetters: DeadLetter[]
}

/** What the pure stages made of some records: the storable batch, and the counts a report gives. */
export interface PreparedForStore {
  batch: StorableBatch
  /** The report's read, rejected, reasons and errors (stored and duplicates come from the store). */
  report: IngestReport
}

/**
 * Run the pure stages over records and turn their rejections into dead letters (a dead letter is
 * the operator's copy of what was refused, kept in the store).
 * @example const { batch, report } = prepareForStore(records, {}, 20)
 */
export function prepareForStore(records: SourceRecord[], redact: RedactOptions, maxErrors = 20): PreparedForStore {
  const { events, rejections } = prepareBatch(records, redact)
  const now = new Date().toISOString()
  const reasons: Record<string, number> = {}
  for (const r of rejections) reasons[r.error.code] = (reasons[r.error.code] ?? 0) + 1
  return {
    batch: { events, deadLetters: rejections.map((r) => ({ time: now, source: r.source, where: r.where, code: r.error.code, message: r.error.message, sample: r.sample })) },
    report: {
      read: events.length + rejections.length,
      stored: 0,
      duplicates: 0,
      rejected: rejections.length,
      reasons,
      errors: rejections.slice(0, maxErrors).map((r) => ({ where: r.where, code: r.error.code, message: r.error.message })),
    },
  }
}

/**
 * The one ingest path every source uses: prepare (decode, redact, normalize), store with dedup,
 * keep rejections as dead letters, then hand newly stored events on. Resolves only when the batch
 * is committed, so a caller can answer after a durable write.
 * @example
 * const pipeline = createPipeline({ store })
 * const report = await pipeline.ingest(records)
 */
export interface Pipeline {
  ingest(records: SourceRecord[], cursor?: { name: string; value: string }): Promise<IngestReport>
  /** The storing half of `ingest`, for batches prepared earlier (the webhook spool's loader). */
  commit(batch: StorableBatch, cursor?: { name: string; value: string }): Promise<AppendResult>
  /** Resolves when every stored batch has been through `onStored`. */
  drain(): Promise<void>
}

// Batches waiting for detection before an ingest waits too: bounds memory under a flood.
const MAX_PENDING_LISTENER_BATCHES = 16

export function createPipeline(options: PipelineOptions): Pipeline {
  const maxErrors = options.maxErrorsInReport ?? 20
  // Detection runs after the commit, in order, off the caller's path: the webhook answers once the
  // batch is durable, not once its alerts are computed. A crash between the two loses only the
  // alerts of the batches in this queue (at most MAX_PENDING_LISTENER_BATCHES).
  let listenerTail: Promise<void> = Promise.resolve()
  let pending = 0
  const hand = (events: KubeEvent[]): void => {
    pending += 1
    listenerTail = listenerTail
      .then(() => options.onStored!(events))
      .catch((error: unknown) => options.onListenerError?.(error))
      .finally(() => (pending -= 1))
  }
  // Not async: nothing past the store's call holds the batch's events unless a listener wants them,
  // so while DuckDB writes a bulk ingest's batch, its parsed events can die young.
  const commit: Pipeline['commit'] = (batch, cursor) => {
    const appended = options.store.appendEvents(batch.events, { cursor, deferCommit: options.deferCommit })
    return afterAppend(appended, batch.deadLetters, options.onStored ? batch.events : undefined)
  }
  const afterAppend = async (appended: Promise<AppendResult>, deadLetters: DeadLetter[], events: KubeEvent[] | undefined): Promise<AppendResult> => {
    const result = await appended
    if (deadLetters.length > 0) await options.store.appendDeadLetters(deadLetters)
    if (events && result.stored > 0) {
      hand(newlyStored(events, result.storedKeys))
      if (pending > MAX_PENDING_LISTENER_BATCHES) await listenerTail
    }
    return result
  }
  return {
    drain: () => listenerTail,
    commit,
    ingest(records, cursor) {
      const { batch, report } = prepareForStore(records, options.redact ?? {}, maxErrors)
      return commit(batch, cursor).then((result) => ({ ...report, stored: result.stored, duplicates: result.duplicates }))
    },
  }
}
