import { matchesSelector } from './selector.js'
import type { PolicyRule, RbacRole } from './types.js'

/**
 * Resolve ClusterRole aggregation in place, as the clusterrole-aggregation controller does: a role
 * with an aggregationRule gets the rules of every other ClusterRole its selectors match (nested
 * aggregation followed, cycles cut). Its own rules are kept after them, de-duplicated, because a
 * live dump already holds the aggregate while rendered manifests hold none.
 * @example
 * resolveAggregation(clusterRoles) // admin/edit/view now carry the aggregate-to-* rules
 */
export function resolveAggregation(clusterRoles: Map<string, RbacRole>): void {
  const done = new Set<string>()
  const resolve = (role: RbacRole, stack: Set<string>): void => {
    if (!role.aggregationRule || done.has(role.name) || stack.has(role.name)) return
    stack.add(role.name)
    const rules: PolicyRule[] = []
    const sources: Array<string | undefined> = []
    const seen = new Set<string>()
    const add = (rule: PolicyRule, source: string | undefined) => {
      const key = JSON.stringify(rule)
      if (seen.has(key)) return
      seen.add(key)
      rules.push(rule)
      sources.push(source)
    }
    for (const other of [...clusterRoles.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      if (other.name === role.name || !role.aggregationRule.some((selector) => matchesSelector(selector, other.labels))) continue
      resolve(other, stack)
      other.rules.forEach((rule, i) => add(rule, other.ruleSources[i] ?? other.name))
    }
    role.rules.forEach((rule, i) => add(rule, role.ruleSources[i]))
    role.rules = rules
    role.ruleSources = sources
    stack.delete(role.name)
    done.add(role.name)
  }
  for (const role of clusterRoles.values()) resolve(role, new Set())
}
