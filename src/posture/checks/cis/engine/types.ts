/** One kube-bench test item: a flag in the audit output, a JSONPath into the config, or an env var. */
export interface TestItem {
  flag: string
  path: string
  env: string
  /** Whether the setting must be present (kube-bench's default) or absent. */
  set: boolean
  compare?: { op: string; value: string }
}

/** A check's tests, combined with `and` (the default) or `or`. */
export interface Tests {
  binOp: string
  items: TestItem[]
}

/** One benchmark recommendation as kube-bench describes it. */
export interface BenchCheck {
  id: string
  text: string
  audit: string
  auditConfig: string
  auditEnv: string
  /** '' | 'manual' | 'skip'. */
  type: string
  scored: boolean
  useMultipleValues: boolean
  tests?: Tests
  remediation: string
}

export interface BenchGroup {
  id: string
  text: string
  checks: BenchCheck[]
}

/** A controls file (master.yaml, node.yaml, …). */
export interface BenchControls {
  id: string
  text: string
  type: string
  groups: BenchGroup[]
}

/** What the audit commands printed; kubesiem gets these from manifests instead of running commands. */
export interface AuditOutputs {
  audit?: string
  config?: string
  env?: string
}

/** kube-bench's check states. */
export type BenchState = 'PASS' | 'FAIL' | 'WARN' | 'INFO'

/** The outcome of evaluating a check's tests. */
export interface TestsOutcome {
  pass: boolean
  expected: string
  actual: string
}

/** The outcome of running a check. */
export interface CheckRun {
  state: BenchState
  expected: string
  actual: string
  reason: string
}
