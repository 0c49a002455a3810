import { isObject, type JsonObject as Json } from '../../core/index.js'


/** A GKE Cloud Logging entry whose protoPayload is a Kubernetes audit log. */
export function isGkeAuditLog(value: Json): boolean {
  const proto = value.protoPayload
  return isObject(proto) && typeof proto.methodName === 'string' && proto.methodName.startsWith('io.k8s.')
}

// GKE names methods `io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>`; core is "core".
function parseMethod(methodName: string): { apiGroup: string; apiVersion: string; resource: string; subresource?: string; verb: string } {
  const parts = methodName.split('.').slice(2)
  const verb = parts.pop() ?? ''
  const [group = '', version = '', resource = '', subresource] = parts.length >= 4 && !/^v\d/.test(parts[1] ?? '') ? [parts.slice(0, -3).join('.'), ...parts.slice(-3)] : parts
  return { apiGroup: group === 'core' ? '' : group, apiVersion: version, resource, subresource, verb }
}

/**
 * Convert a GKE Cloud Logging audit entry into the audit.k8s.io/v1 Event shape, so the same
 * normalizer and the same rules apply (falco's k8saudit-gke plugin does the same mapping).
 * @example fromGkeAuditLog(entry).objectRef.resource // 'pods'
 */
export function fromGkeAuditLog(entry: Json): Json {
  const proto = entry.protoPayload as Json
  const method = parseMethod(String(proto.methodName))
  const auth = isObject(proto.authenticationInfo) ? proto.authenticationInfo : {}
  const meta = isObject(proto.requestMetadata) ? proto.requestMetadata : {}
  const status = isObject(proto.status) ? proto.status : {}
  // resourceName is `core/v1/namespaces/<ns>/<resource>/<name>` or `<group>/<version>/<resource>/<name>`.
  const path = String(proto.resourceName ?? '').split('/')
  const nsIndex = path.indexOf('namespaces')
  const namespace = nsIndex >= 0 && path.length > nsIndex + 2 ? path[nsIndex + 1] : undefined
  const name = path.length > 3 ? path[path.length - 1] : undefined
  const labels = isObject(entry.labels) ? entry.labels : {}
  const code = typeof status.code === 'number' && status.code !== 0 ? grpcToHttp(status.code) : 200
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Event',
    level: 'RequestResponse',
    auditID: String(entry.insertId ?? labels['authorization.k8s.io/auditID'] ?? ''),
    stage: 'ResponseComplete',
    requestURI: String(proto.resourceName ?? ''),
    verb: method.verb,
    user: { username: String(auth.principalEmail ?? ''), groups: [] },
    sourceIPs: meta.callerIp ? [String(meta.callerIp)] : [],
    userAgent: String(meta.callerSuppliedUserAgent ?? ''),
    objectRef: { resource: method.resource, subresource: method.subresource, namespace, name, apiGroup: method.apiGroup, apiVersion: method.apiVersion },
    responseStatus: { code },
    requestObject: proto.request,
    responseObject: proto.response,
    requestReceivedTimestamp: entry.timestamp,
    stageTimestamp: entry.receiveTimestamp ?? entry.timestamp,
    annotations: labels,
  }
}

// google.rpc.Code to HTTP, for the codes Kubernetes answers with.
function grpcToHttp(code: number): number {
  const table: Record<number, number> = { 3: 400, 5: 404, 6: 409, 7: 403, 16: 401, 8: 429, 13: 500, 14: 503 }
  return table[code] ?? 500
}
