import { readItems } from '../rules/falco/index.js'
import { buildRuleSet, type RuleSet, type RuleSetInput } from '../rules/rule-set.js'
import { parseYaml } from '../rules/sigma/index.js'
import { readBundledPack } from './prebuilt-pack.js'
import { readRuleFiles } from './read-rule-files.js'

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
  return buildRuleSet(readRuleSetInput(options))
}

/**
 * {@link loadRuleSet}'s reading half, with every file's YAML parsed: plain data that worker
 * threads receive, so that each compiles the same rules without reading or parsing them again.
 * @example const input = readRuleSetInput({ rules: ['my-rules/'] }); buildRuleSet(input)
 */
export function readRuleSetInput(options: RuleSetOptions = {}): RuleSetInput {
  const user = readRuleFiles(options.rules ?? [])
  return {
    bundled: options.noDefaultRules ? [] : readBundledPack(),
    sigma: user.sigma.map((f) => ({ ...f, parsed: parseYaml(f.text) })),
    falco: user.falco.map((f) => ({ ...f, read: readItems(f) })),
    bundledStatuses: options.statuses,
    placeholders: options.placeholders,
    clusterName: options.clusterName,
  }
}
