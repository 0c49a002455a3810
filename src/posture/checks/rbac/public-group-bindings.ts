import type { Violation } from '../../check.js'
import { defineRbacRisk, formatSubject } from './risk.js'

const PUBLIC_SUBJECTS = new Set(['Group:system:unauthenticated', 'Group:system:authenticated', 'User:system:anonymous'])

// Stock bindings to these subjects every cluster ships (krane's baseline list plus the discovery
// roles bound to system:authenticated): all read-only and harmless.
const STOCK_ROLES = new Set(['system:public-info-viewer', 'system:discovery', 'system:basic-user', 'kubeadm:bootstrap-signer-clusterinfo'])

/**
 * Bindings that hand a role to everyone: system:anonymous, system:unauthenticated (anyone who can
 * reach the API server) or system:authenticated (anyone with any credential, on some managed
 * clusters any cloud account). Stock read-only discovery bindings are skipped.
 * @example
 * publicGroupBindings.evaluate(model, ctx)[0]?.message // 'ClusterRoleBinding "x" grants ClusterRole "view" to Group "system:authenticated"'
 */
export const publicGroupBindings = defineRbacRisk(
  {
    name: 'public-group-bindings', title: 'Roles bound to anonymous or all authenticated users', severity: 'high',
    patterns: ['unauthenticated-or-all-authenticated-bindings'], cis: ['5.1.2', '5.1.4'],
    remediation: 'Bind the role to specific users, groups or ServiceAccounts instead of system:anonymous, system:unauthenticated or system:authenticated.',
  },
  (model, ctx) => {
    const violations: Violation[] = []
    for (const binding of model.bindings) {
      const everyone = binding.subjects.filter((s) => PUBLIC_SUBJECTS.has(`${s.kind}:${s.name}`))
      if (everyone.length === 0) continue
      if (!ctx.includeSystemDefaults && STOCK_ROLES.has(binding.roleRef.name)) continue
      const scope = binding.namespace ? ` in namespace "${binding.namespace}"` : ''
      violations.push({
        message: `${binding.kind} "${binding.name}" grants ${binding.roleRef.kind} "${binding.roleRef.name}" to ${everyone.map(formatSubject).join(', ')}${scope}`,
        paths: ['/subjects', '/roleRef'],
        resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: binding.kind, namespace: binding.namespace, name: binding.name },
        evidence: { subjects: everyone, roleRef: binding.roleRef, origin: binding.origin },
      })
    }
    return violations
  },
)
