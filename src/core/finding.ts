import type { Severity } from './alert.js'

/** The Kubernetes object (or host:port for exposure) a finding is about. */
export interface FindingResource {
  apiVersion?: string
  kind?: string
  namespace?: string
  name?: string
}

/** One posture or exposure result that did not pass. */
export interface Finding {
  checkId: string
  controls: string[]
  severity: Severity
  resource?: FindingResource
  target?: string
  message: string
  remediation: string
  evidence: unknown
  cluster?: string
  time?: string
}
