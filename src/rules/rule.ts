import type { RuleRef, Severity } from '../core/index.js'

/** The logsource a rule applies to (Sigma's `logsource`; Falco k8s_audit rules are kubernetes/audit). */
export interface Logsource {
  product?: string
  service?: string
  category?: string
}

/**
 * Equality facts a rule requires of every matching event, used to index rules so that an event only
 * meets its candidate rules. A key absent means "any value"; a rule with no facts is checked always.
 * Values are lower-case verbs / resources.
 */
export interface RuleIndexKeys {
  verb?: string[]
  resource?: string[]
  /** Lower-cased `objectRef.subresource` values a match needs (exec, attach, portforward, …). */
  subresource?: string[]
  /** `responseStatus.code` values a match needs, as text (`'401'`). */
  code?: string[]
}

/**
 * A single-event rule compiled once into a predicate. Sigma and Falco rules both compile to this,
 * so one engine runs them together. `event` is the native (redacted) payload, e.g. an audit Event.
 * @example
 * if (rule.match(event.payload)) alerts.push({ rule: rule.ref, summary: rule.summarize(event.payload) })
 */
export interface CompiledRule {
  ref: RuleRef
  severity: Severity
  /** ATT&CK technique ids, e.g. `T1609`, `T1611.001`. */
  mitre: string[]
  tags: string[]
  /** experimental | test | stable | deprecated for Sigma; Falco maturity where given. */
  status?: string
  enabled: boolean
  logsource: Logsource
  index: RuleIndexKeys
  match(event: Record<string, unknown>): boolean
  /** One line for the analyst: Falco's rendered output, or the rule title with the key fields. */
  summarize(event: Record<string, unknown>): string
}
