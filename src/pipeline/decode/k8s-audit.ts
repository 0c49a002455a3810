import { isObject, KubesiemError } from '../../core/index.js'
import { unwrapVendorRecord } from './vendor-wrappers.js'

const AUDIT_API_VERSIONS = new Set(['audit.k8s.io/v1', 'audit.k8s.io/v1beta1'])

/** One audit Event object, or the error explaining why an item is not one. */
export type DecodedItem = { ok: true; where: string; event: Record<string, unknown> } | { ok: false; where: string; error: KubesiemError; value?: unknown }


function checkEvent(value: unknown, where: string): DecodedItem {
  const checked = checkShape(value, where)
  return checked.ok ? checked : { ...checked, value }
}

function checkShape(value: unknown, where: string): DecodedItem {
  if (!isObject(value)) {
    return { ok: false, where, error: new KubesiemError('KUBESIEM_INGEST_NOT_AUDIT_EVENT', { where, detail: `expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}` }) }
  }
  const apiVersion = value.apiVersion
  if (typeof apiVersion === 'string' && !AUDIT_API_VERSIONS.has(apiVersion)) {
    return { ok: false, where, error: new KubesiemError('KUBESIEM_INGEST_UNKNOWN_API_VERSION', { where, apiVersion }) }
  }
  if (value.kind !== undefined && value.kind !== 'Event') {
    return { ok: false, where, error: new KubesiemError('KUBESIEM_INGEST_NOT_AUDIT_EVENT', { where, detail: `kind is ${JSON.stringify(value.kind)}, expected "Event"` }) }
  }
  // auditID, stage and verb are what dedup and every rule key on: without them it is not an audit event.
  for (const field of ['auditID', 'stage', 'verb'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      return { ok: false, where, error: new KubesiemError('KUBESIEM_INGEST_NOT_AUDIT_EVENT', { where, detail: `missing string field "${field}"` }) }
    }
  }
  return { ok: true, where, event: value }
}

/**
 * Split one decoded JSON value into audit events: an `EventList`, a bare `Event`, a JSON array of
 * events, or a vendor wrapper (EKS CloudWatch, AKS diagnostics, GKE Cloud Logging). Bad items are
 * returned as errors beside the good ones, so one bad item never loses a batch.
 * @example
 * decodeAuditValue({ kind: 'EventList', items: [ev1, ev2] }, 'POST /ingest/k8s-audit')
 */
export function decodeAuditValue(value: unknown, where: string): DecodedItem[] {
  const unwrapped = unwrapVendorRecord(value)
  if (unwrapped !== undefined) return unwrapped.flatMap((item, i) => decodeAuditValue(item, `${where} record ${i}`))
  if (Array.isArray(value)) return value.map((item, i) => checkEvent(item, `${where} item ${i}`))
  if (isObject(value) && (value.kind === 'EventList' || (value.kind === undefined && Array.isArray(value.items)))) {
    const apiVersion = value.apiVersion
    if (typeof apiVersion === 'string' && !AUDIT_API_VERSIONS.has(apiVersion)) {
      return [{ ok: false, where, error: new KubesiemError('KUBESIEM_INGEST_UNKNOWN_API_VERSION', { where, apiVersion }) }]
    }
    const items = Array.isArray(value.items) ? value.items : []
    return items.map((item, i) => checkEvent(isObject(item) && item.apiVersion === undefined && apiVersion ? { apiVersion, kind: 'Event', ...item } : item, `${where} item ${i}`))
  }
  return [checkEvent(value, where)]
}
