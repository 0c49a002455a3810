/**
 * Whether a decoded JSON value is one Kubernetes audit Event, the only input the k8saudit source
 * accepts ("data not recognized as a k8s audit event" otherwise).
 * @example
 * isK8sAuditEvent({ kind: 0 }) // false
 */
export function isK8sAuditEvent(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const ev = value as Record<string, unknown>
  return ev.kind === 'Event' && typeof ev.auditID === 'string'
}
