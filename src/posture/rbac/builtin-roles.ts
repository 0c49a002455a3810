import type { RbacRole } from './types.js'

/**
 * Bootstrap ClusterRoles every cluster has, used when a binding references one the input lacks
 * (rendered Helm charts bind to cluster-admin without shipping it). Only cluster-admin for now:
 * admin/edit/view are aggregated and version-dependent, so they stay dangling rather than guessed.
 * @example
 * builtinClusterRole('cluster-admin')?.rules.length // 2
 */
export function builtinClusterRole(name: string): RbacRole | undefined {
  if (name !== 'cluster-admin') return undefined
  const rules = [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [], nonResourceURLs: [] },
    { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceURLs: ['*'] },
  ]
  return { kind: 'ClusterRole', name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, rules, ruleSources: [undefined, undefined], builtin: true }
}
