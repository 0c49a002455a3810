/** The identity that made a request, as the audit log records it. */
export interface UserInfo {
  name: string
  groups: string[]
  uid?: string
}

/** What the request touched; the audit log's `objectRef`. */
export interface ObjectRef {
  apiGroup?: string
  apiVersion?: string
  resource?: string
  subresource?: string
  namespace?: string
  name?: string
}

/**
 * The one normalized event every source turns into. The envelope fields are columns in the store;
 * `payload` is the original record, redacted, so rules address any native field by its native
 * name (`objectRef.resource`, `requestObject.spec.hostPID`) as Sigma's and Falco's rules do.
 */
export interface KubeEvent {
  /** The auditID for audit events. */
  id: string
  /** ISO-8601, the stage timestamp (falls back to when the request was received). */
  time: string
  /** Which source produced it, e.g. `k8s-audit`. */
  source: string
  cluster: string
  stage: string
  verb: string
  user: UserInfo
  impersonatedUser?: UserInfo
  sourceIPs: string[]
  userAgent: string
  objectRef: ObjectRef
  responseCode?: number
  /** `authorization.k8s.io/decision` annotation: allow or forbid. */
  decision?: string
  /** `authorization.k8s.io/reason` annotation. */
  reason?: string
  requestURI: string
  payload: Record<string, unknown>
}

/** A record a source produced, before normalizing: bytes already decoded into JSON. */
export interface RawRecord {
  /** Where it came from, for errors: `file:line`, `POST /ingest/k8s-audit item 3`. */
  where: string
  source: string
  cluster: string
  value: unknown
}
