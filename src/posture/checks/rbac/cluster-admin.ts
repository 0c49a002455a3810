import type { Grant, PolicyRule } from '../../rbac/types.js'
import { defineRbacRisk, violationsByBinding } from './risk.js'

/**
 * True for the cluster-admin rule: every verb on every resource in every group.
 * @example
 * isWildcardAll({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] } as PolicyRule) // true
 */
export function isWildcardAll(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') && rule.apiGroups.includes('*') && rule.resources.includes('*') && rule.resourceNames.length === 0
}

/**
 * True for a grant from a role that holds a cluster-admin rule: the other risk checks leave such
 * grants to the cluster-admin finding, so one binding to cluster-admin is one finding, not fifteen.
 * @example
 * grants.filter((g) => !fromAdminRole(g))
 */
export function fromAdminRole(grant: Grant): boolean {
  return grant.role.rules.some(isWildcardAll)
}

/**
 * Bindings to cluster-admin, or to any role with a `*`/`*`/`*` rule (CIS 5.1.1). The stock
 * cluster-admin → system:masters and kubeadm:cluster-admins bindings are defaults and skipped.
 * @example
 * clusterAdmin.evaluate(model, ctx)[0]?.message // 'User "bob" can do anything (cluster-admin) in all namespaces via …'
 */
export const clusterAdmin = defineRbacRisk(
  {
    name: 'cluster-admin', title: 'Subjects hold cluster-admin', severity: 'critical',
    patterns: ['wildcard-all'], cis: ['5.1.1'],
    remediation: 'Bind people and workloads to narrower roles; keep cluster-admin for break-glass identities only.',
  },
  (model, ctx) => violationsByBinding(model.grants.filter((g) => isWildcardAll(g.rule)), 'do anything (cluster-admin)', ctx),
)
