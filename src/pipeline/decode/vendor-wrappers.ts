import { isObject } from '../../core/index.js'
import { fromGkeAuditLog, isGkeAuditLog } from './gke.js'


function parseIfString(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/**
 * Managed clusters wrap the audit Event: EKS in CloudWatch records (`message` holds the event as a
 * string, or a subscription batch with `logEvents`), AKS in Azure diagnostic records
 * (`properties.log`, inside `records`), GKE in Cloud Logging entries (`protoPayload`). Returns the
 * inner values, or undefined when the value is not a known wrapper.
 * @example unwrapVendorRecord({ message: '{"kind":"Event",...}' }) // [{ kind: 'Event', ... }]
 */
export function unwrapVendorRecord(value: unknown): unknown[] | undefined {
  if (!isObject(value)) return undefined
  if (Array.isArray(value.logEvents)) return value.logEvents.map((e) => parseIfString(isObject(e) ? e.message : e))
  if (Array.isArray(value.records)) return value.records
  if (typeof value.message === 'string' && value.kind === undefined && value.auditID === undefined) {
    const inner = parseIfString(value.message)
    return isObject(inner) ? [inner] : undefined
  }
  if (isObject(value.properties) && typeof value.properties.log === 'string') return [parseIfString(value.properties.log)]
  if (isGkeAuditLog(value)) return [fromGkeAuditLog(value)]
  return undefined
}
