/** The parts of one demo request; everything else of the audit Event is filled in. */
export interface DemoRequest {
  auditID: string
  time: number
  verb: string
  user: { username: string; groups: string[]; uid?: string }
  sourceIP: string
  userAgent: string
  resource: string
  subresource?: string
  namespace?: string
  name?: string
  apiGroup?: string
  code: number
  stage?: string
  requestObject?: unknown
  responseObject?: unknown
  query?: string
  impersonatedUser?: { username: string; groups: string[] }
}

function requestUri(r: DemoRequest): string {
  const base = r.apiGroup ? `/apis/${r.apiGroup}/v1` : '/api/v1'
  const ns = r.namespace ? `/namespaces/${r.namespace}` : ''
  const name = r.name ? `/${r.name}` : ''
  const sub = r.subresource ? `/${r.subresource}` : ''
  return `${base}${ns}/${r.resource}${name}${sub}${r.query ? `?${r.query}` : ''}`
}

/**
 * Render a demo request as an audit.k8s.io/v1 Event, as kube-apiserver writes it.
 * @example toAuditEvent({ auditID, time, verb: 'get', … }).stage // 'ResponseComplete'
 */
export function toAuditEvent(r: DemoRequest): Record<string, unknown> {
  const received = new Date(r.time).toISOString().replace('Z', '000Z')
  const done = new Date(r.time + 3).toISOString().replace('Z', '000Z')
  const event: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: r.requestObject || r.responseObject ? 'RequestResponse' : 'Metadata',
    auditID: r.auditID,
    stage: r.stage ?? 'ResponseComplete',
    requestURI: requestUri(r),
    verb: r.verb,
    user: r.user,
    sourceIPs: [r.sourceIP],
    userAgent: r.userAgent,
    objectRef: { resource: r.resource, namespace: r.namespace, name: r.name, apiGroup: r.apiGroup, apiVersion: 'v1', subresource: r.subresource },
    responseStatus: { metadata: {}, code: r.code, ...(r.code >= 400 ? { status: 'Failure', reason: r.code === 403 ? 'Forbidden' : 'Unauthorized' } : {}) },
    requestReceivedTimestamp: received,
    stageTimestamp: done,
    annotations: {
      'authorization.k8s.io/decision': r.code === 403 || r.code === 401 ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': r.code === 403 ? '' : 'RBAC: allowed by ClusterRoleBinding',
    },
  }
  if (r.impersonatedUser) event.impersonatedUser = r.impersonatedUser
  if (r.requestObject) event.requestObject = r.requestObject
  if (r.responseObject) event.responseObject = r.responseObject
  // Through JSON and back, as every real event arrives: no keys holding undefined.
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>
}
