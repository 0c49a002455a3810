/** Where an object was read from: file and 1-based line, plus the Helm template that rendered it. */
export interface Origin {
  file: string
  line: number
  /** From a rendered Helm chart's `# Source: chart/templates/x.yaml` comment. */
  helmSource?: string
}

/** A Kubernetes object as decoded from a manifest; only the envelope is typed. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  [field: string]: unknown
}

export interface ObjectMeta {
  name?: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  [field: string]: unknown
}

/** One object of the input with where it came from. */
export interface SourcedObject {
  object: KubeObject
  origin: Origin
}

/** Narrow an unknown to a plain object: posture's name for core's `isObject`. */
export { isObject as isRecord } from '../core/index.js'
