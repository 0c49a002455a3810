import type { PolicyRule, RbacRole } from './types.js'

type Compact = [apiGroups: string[], resources: string[], verbs: string[]]
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']
const READ = ['get', 'list', 'watch']

// The user-facing bootstrap ClusterRoles and the aggregate-to-* roles they collect, from
// kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml.
const BUILTIN: Array<{ name: string; labels?: Record<string, string>; aggregateFrom?: string; rules: Compact[] }> = [
  { name: 'cluster-admin', rules: [[['*'], ['*'], ['*']]] },
  { name: 'admin', aggregateFrom: 'admin', rules: [] },
  { name: 'edit', aggregateFrom: 'edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }, rules: [] },
  { name: 'view', aggregateFrom: 'view', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, rules: [] },
  {
    name: 'system:aggregate-to-admin',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    rules: [
      [['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']],
      [['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], [...WRITE, ...READ]],
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    rules: [
      [[''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ],
      [[''], ['serviceaccounts'], ['impersonate']],
      [[''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE],
      [[''], ['pods/eviction'], ['create']],
      [[''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], WRITE],
      [[''], ['serviceaccounts/token'], ['create']],
      [['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE],
      [['autoscaling'], ['horizontalpodautoscalers'], WRITE],
      [['batch'], ['cronjobs', 'jobs'], WRITE],
      [['policy'], ['poddisruptionbudgets'], WRITE],
      [['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE],
      [['coordination.k8s.io'], ['leases'], [...WRITE, ...READ]],
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [
      [[''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ],
      [[''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status', 'namespaces'], READ],
      [['discovery.k8s.io'], ['endpointslices'], READ],
      [['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ],
      [['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ],
      [['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ],
      [['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ],
      [['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ],
    ],
  },
]

/** Names of the bootstrap ClusterRoles assumed when a binding references one the input lacks. */
export const BUILTIN_ROLE_NAMES = new Set(['cluster-admin', 'admin', 'edit', 'view'])

/**
 * The bootstrap ClusterRoles every cluster has (cluster-admin, admin, edit, view and the
 * aggregate-to-* roles that fill admin/edit/view), for input that binds them without shipping them
 * (a rendered Helm chart binding `edit`). Marked `builtin`; rules as of the bootstrap policy, so a
 * cluster with a different version may differ slightly.
 * @example
 * builtinClusterRoles().find((r) => r.name === 'cluster-admin')?.rules.length // 2
 */
export function builtinClusterRoles(): RbacRole[] {
  return BUILTIN.map(({ name, labels, aggregateFrom, rules }) => {
    const expanded: PolicyRule[] = rules.map(([apiGroups, resources, verbs]) => ({ apiGroups, resources, verbs, resourceNames: [], nonResourceURLs: [] }))
    if (name === 'cluster-admin') expanded.push({ apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceURLs: ['*'] })
    return {
      kind: 'ClusterRole' as const,
      name,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
      rules: expanded,
      ruleSources: expanded.map(() => undefined),
      aggregationRule: aggregateFrom ? [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateFrom}`]: 'true' } }] : undefined,
      builtin: true,
    }
  })
}
