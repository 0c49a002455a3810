import type { RbacBinding, Subject } from '../../rbac/types.js'

/** Groups that stand for "everyone" (signed in or not): never a system component. */
export const PUBLIC_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts'])

/**
 * True for a system principal: `system:*` users and groups (not the public groups, not
 * system:anonymous) and ServiceAccounts in kube-system.
 * @example
 * isSystemPrincipal({ kind: 'User', name: 'system:kube-scheduler' }) // true
 */
export function isSystemPrincipal(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return subject.namespace === 'kube-system'
  if (subject.kind === 'User') return subject.name.startsWith('system:') && subject.name !== 'system:anonymous'
  return subject.name.startsWith('system:') && !PUBLIC_GROUPS.has(subject.name)
}

// Well-known bootstrap bindings that grant cluster-admin on purpose.
const DEFAULT_ADMIN_BINDINGS = new Set(['ClusterRoleBinding/cluster-admin', 'ClusterRoleBinding/kubeadm:cluster-admins'])

/**
 * The cluster's bootstrap policy: a binding named `system:*` or `kubeadm:*` whose subjects are all
 * system principals (controllers, kubelets, kube-system ServiceAccounts, bootstrap token groups),
 * plus the stock cluster-admin bindings to system:masters and kubeadm:cluster-admins. Their grants
 * are powerful by design; RBAC risk checks skip them unless includeSystemDefaults is set. A
 * `system:` binding that names a person, an app ServiceAccount or a public group is NOT a default.
 * @example
 * isSystemDefault(binding) // true for ClusterRoleBinding/system:kube-controller-manager
 */
export function isSystemDefault(binding: RbacBinding): boolean {
  if (DEFAULT_ADMIN_BINDINGS.has(`${binding.kind}/${binding.name}`)) return true
  if (!/^(system|kubeadm):/.test(binding.name)) return false
  return binding.subjects.length > 0 && binding.subjects.every(isSystemPrincipal)
}
