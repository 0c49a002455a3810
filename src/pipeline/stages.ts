import { KubesiemError, type JsonObject, type KubeEvent } from '../core/index.js'
import { decodeAuditValue } from './decode/k8s-audit.js'
import { normalizeAuditEvent } from './normalize/k8s-audit.js'
import { redactAuditEvent, type RedactOptions } from './redact/redact.js'

/** A record a source read: parsed JSON, or the reason it could not be parsed. */
export type SourceRecord =
  | { where: string; source: string; cluster: string; value: unknown }
  | { where: string; source: string; cluster: string; error: KubesiemError; sample: string }

export interface Rejection {
  where: string
  source: string
  error: KubesiemError
  sample: string
  /** The item that was not an audit event, when it parsed as JSON (detect --any-logsource reads it). */
  value?: unknown
}

export interface PreparedBatch {
  events: KubeEvent[]
  rejections: Rejection[]
}

/**
 * The pure stages, in order. Decode splits lists and unwraps vendor shapes; redact runs before
 * normalize so that no envelope column (requestURI, annotations) ever holds a secret; dedup on
 * (auditID, stage) happens in the store, in the same transaction as the append, so it also holds
 * across restarts; detection runs after the store on newly stored events only.
 */
export const STAGES = ['decode', 'redact', 'normalize'] as const

/**
 * Turn source records into redacted, normalized events plus the rejected ones, each with where
 * and why. Pure.
 * @example prepareBatch([{ where: 'a.log:1', source: 'k8s-audit', cluster: 'c', value: event }], {})
 */
export function prepareBatch(records: SourceRecord[], redact: RedactOptions): PreparedBatch {
  return prepareRecords(records, redact, (event, record) => normalizeAuditEvent(event, record.cluster, record.source))
}

/**
 * {@link prepareBatch} with another last stage: `finish` turns each decoded, redacted event into
 * what the caller needs (offline detection skips the envelope).
 * @example prepareRecords(records, {}, (event) => event.auditID)
 */
export function prepareRecords<T>(records: SourceRecord[], redact: RedactOptions, finish: (event: JsonObject, record: SourceRecord) => T): { events: T[]; rejections: Rejection[] } {
  const events: T[] = []
  const rejections: Rejection[] = []
  for (const record of records) {
    if ('error' in record) {
      rejections.push({ where: record.where, source: record.source, error: record.error, sample: record.sample })
      continue
    }
    for (const item of decodeAuditValue(record.value, record.where)) {
      if (!item.ok) {
        rejections.push({ where: item.where, source: record.source, error: item.error, sample: sampleOf(item.error, item.value ?? record.value), value: item.value })
        continue
      }
      events.push(finish(redactAuditEvent(item.event, redact), record))
    }
  }
  return { events, rejections }
}

// A dead letter keeps a short sample for the operator; it may hold a secret, so it is redacted too.
function sampleOf(error: KubesiemError, value: unknown): string {
  const text = JSON.stringify(typeof value === 'object' && value !== null ? redactAuditEvent(value as JsonObject) : value) ?? String(value)
  return `${error.code}: ${text.slice(0, 512)}`
}
