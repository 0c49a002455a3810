import { createHash } from 'node:crypto'
import type { RuleSet } from '../../rules/rule-set.js'

/**
 * A digest of a rule set's rule ids in order: workers refer to rules by number, so the main
 * thread checks that every worker loaded the same rules.
 * @example ruleSetFingerprint(ruleSet) // '3f1c…'
 */
export function ruleSetFingerprint(ruleSet: RuleSet): string {
  return createHash('sha256').update(ruleSet.rules.map((r) => `${r.ref.id}\u0000${r.enabled}`).join('\n')).digest('hex')
}
