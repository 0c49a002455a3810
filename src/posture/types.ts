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

/**
 * Narrow an unknown to a plain object.
 * @example
 * if (isRecord(doc) && typeof doc.kind === 'string') objects.push(doc)
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
