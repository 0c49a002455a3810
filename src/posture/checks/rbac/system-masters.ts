import type { Violation } from '../../check.js'
import { defineRbacRisk } from './risk.js'

/**
 * Bindings that name the system:masters group, other than the stock cluster-admin binding. Members
 * of system:masters bypass RBAC altogether (the authorizer allows them before any rule), so such a
 * binding hints at certificates issued for that group, which cannot be revoked (CIS 5.1.7).
 * @example
 * systemMasters.evaluate(model, ctx)[0]?.message
 */
export const systemMasters = defineRbacRisk(
  {
    name: 'system-masters', title: 'Bindings reference the system:masters group', severity: 'high',
    patterns: ['system-masters'], cis: ['5.1.7'],
    remediation: 'Do not issue credentials in system:masters; bind admins through a regular group to cluster-admin so access can be revoked.',
  },
  (model, ctx) => {
    const violations: Violation[] = []
    for (const binding of model.bindings) {
      if (!binding.subjects.some((s) => s.kind === 'Group' && s.name === 'system:masters')) continue
      if (!ctx.includeSystemDefaults && binding.kind === 'ClusterRoleBinding' && binding.name === 'cluster-admin') continue
      violations.push({
        message: `${binding.kind} "${binding.name}" binds group "system:masters" to ${binding.roleRef.kind} "${binding.roleRef.name}"; members of system:masters bypass RBAC entirely`,
        paths: ['/subjects'],
        resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: binding.kind, namespace: binding.namespace, name: binding.name },
        evidence: { roleRef: binding.roleRef, origin: binding.origin },
      })
    }
    return violations
  },
)
