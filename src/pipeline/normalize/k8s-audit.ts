import { asString, isObject, utcMs, type JsonObject, type KubeEvent, type UserInfo } from '../../core/index.js'
import { canonicalUtc } from './canonical-time.js'

function toUser(value: unknown): UserInfo | undefined {
  if (!isObject(value)) return undefined
  return {
    name: asString(value.username) ?? '',
    groups: Array.isArray(value.groups) ? value.groups.filter((g): g is string => typeof g === 'string') : [],
    uid: asString(value.uid),
  }
}

// stageTimestamp is when this stage happened; v1beta1 events from old clusters carry only `timestamp`.
function rawTime(event: JsonObject): string | undefined {
  return asString(event.stageTimestamp) ?? asString(event.requestReceivedTimestamp) ?? asString(event.timestamp)
}

/**
 * Epoch milliseconds of the time {@link normalizeAuditEvent} gives an event (0 when it has none),
 * for detection that needs no envelope.
 * @example auditTimeMs({ stageTimestamp: '2026-03-02T06:00:05.403915Z' }) // 1772431205403
 */
export function auditTimeMs(event: JsonObject): number {
  const raw = rawTime(event)
  const ms = raw === undefined ? NaN : utcMs(raw)
  return Number.isNaN(ms) ? 0 : ms
}

function toTime(event: JsonObject): string {
  const raw = rawTime(event)
  const canonical = raw === undefined ? undefined : canonicalUtc(raw)
  if (canonical !== undefined) return canonical
  const ms = raw ? Date.parse(raw) : NaN
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString()
}

/**
 * Turn a decoded audit Event (v1 or v1beta1) into the common envelope, keeping the event itself
 * as the payload. Pure: the same event always gives the same result.
 * @example normalizeAuditEvent(event, 'prod-eu').objectRef.resource // 'pods'
 */
export function normalizeAuditEvent(event: JsonObject, cluster: string, source = 'k8s-audit'): KubeEvent {
  const objectRef = isObject(event.objectRef) ? event.objectRef : {}
  const annotations = isObject(event.annotations) ? event.annotations : {}
  const status = isObject(event.responseStatus) ? event.responseStatus : {}
  return {
    id: String(event.auditID),
    time: toTime(event),
    source,
    cluster,
    stage: String(event.stage),
    verb: String(event.verb),
    user: toUser(event.user) ?? { name: '', groups: [] },
    impersonatedUser: toUser(event.impersonatedUser),
    sourceIPs: Array.isArray(event.sourceIPs) ? event.sourceIPs.map(String) : [],
    userAgent: asString(event.userAgent) ?? '',
    objectRef: {
      apiGroup: asString(objectRef.apiGroup),
      apiVersion: asString(objectRef.apiVersion),
      resource: asString(objectRef.resource),
      subresource: asString(objectRef.subresource),
      namespace: asString(objectRef.namespace),
      name: asString(objectRef.name),
    },
    responseCode: typeof status.code === 'number' ? status.code : undefined,
    decision: asString(annotations['authorization.k8s.io/decision']),
    reason: asString(annotations['authorization.k8s.io/reason']),
    requestURI: asString(event.requestURI) ?? '',
    payload: event,
  }
}
