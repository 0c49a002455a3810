import type { Problem } from '../core/index.js'
import { loadFalcoRules, type FalcoFile } from './falco/index.js'
import type { CompiledRule } from './rule.js'
import { loadSigmaRules, type CorrelationRule, type SigmaFile } from './sigma/index.js'

/** Everything detection runs: single-event rules, correlations, and what loading found wrong. */
export interface RuleSet {
  rules: CompiledRule[]
  correlations: CorrelationRule[]
  problems: Problem[]
}

export interface RuleSetInput {
  /** Our bundled pack: only rules whose status is in `bundledStatuses` start enabled. */
  bundled?: SigmaFile[]
  /** Sigma files the user named: all enabled but deprecated ones (they chose them). */
  sigma?: SigmaFile[]
  /** Falco rules files, in load order (later files append to and override earlier ones). */
  falco?: FalcoFile[]
  /**
   * Statuses of bundled rules that start enabled. Default stable and test: our stateful rules are
   * `test`, and Sigma's `test` is Falco's incubating; experimental rules (allow-lists that need
   * tuning) stay off until a user turns them on.
   */
  bundledStatuses?: string[]
  /** Values for Sigma `|expand` placeholders. */
  placeholders?: Record<string, string[]>
  /** `ka.cluster.name` for Falco rules. */
  clusterName?: string
}

function withStatus(rules: CompiledRule[], allowed: (status: string | undefined) => boolean): CompiledRule[] {
  return rules.map((rule) => (rule.enabled && !allowed(rule.status) ? { ...rule, enabled: false } : rule))
}

/**
 * Load every rule source into one set. Pure: the caller reads the files. A broken rule is a
 * problem in the result, never an exception; the other rules load.
 * @example buildRuleSet({ bundled: packFiles, falco: [{ path, text }] })
 */
export function buildRuleSet(input: RuleSetInput): RuleSet {
  const statuses = new Set(input.bundledStatuses ?? ['stable', 'test'])
  const problems: Problem[] = []
  const rules: CompiledRule[] = []
  const correlations: CorrelationRule[] = []
  const options = { placeholders: input.placeholders }
  if (input.bundled?.length) {
    const pack = loadSigmaRules(input.bundled, options)
    const packRules = withStatus(pack.rules, (s) => statuses.has(s ?? ''))
    const enabled = new Set(packRules.filter((r) => r.enabled).map((r) => r.ref.id))
    rules.push(...packRules)
    // A correlation shares its base rules' maturity: it runs when all of them are on.
    correlations.push(...pack.correlations.filter((c) => c.consumes.every((id) => enabled.has(id))))
    problems.push(...pack.problems)
  }
  if (input.sigma?.length) {
    const user = loadSigmaRules(input.sigma, { ...options })
    rules.push(...withStatus(user.rules, (s) => s !== 'deprecated'))
    correlations.push(...user.correlations)
    problems.push(...user.problems)
  }
  if (input.falco?.length) {
    const falco = loadFalcoRules(input.falco, { clusterName: input.clusterName })
    rules.push(...falco.rules)
    problems.push(...falco.problems)
  }
  return { rules, correlations, problems }
}
