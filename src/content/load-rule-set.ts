import { buildRuleSet, type RuleSet } from '../rules/rule-set.js'
import { BUNDLED_RULES_DIR } from './paths.js'
import { readBundledRules, readRuleFiles } from './read-rule-files.js'

export interface RuleSetOptions {
  /** Extra rule files or folders (Sigma or Falco, told apart by content). */
  rules?: string[]
  /** Leave out our bundled pack. */
  noDefaultRules?: boolean
  /** Statuses of bundled rules to enable (default stable and test). */
  statuses?: string[]
  placeholders?: Record<string, string[]>
  clusterName?: string
}

/**
 * Read the bundled pack and the user's rule files, and build one rule set.
 * @example const ruleSet = loadRuleSet({ rules: ['falco/k8s_audit_rules.yaml'] })
 */
export function loadRuleSet(options: RuleSetOptions = {}): RuleSet {
  const user = readRuleFiles(options.rules ?? [])
  return buildRuleSet({
    bundled: options.noDefaultRules ? [] : readBundledRules(BUNDLED_RULES_DIR),
    sigma: user.sigma,
    falco: user.falco,
    bundledStatuses: options.statuses,
    placeholders: options.placeholders,
    clusterName: options.clusterName,
  })
}
