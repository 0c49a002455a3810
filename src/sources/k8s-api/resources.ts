/**
 * What `kubesiem collect` reads: [group/version path, resource, kind]. deploy/kubesiem-reader-clusterrole.yaml
 * grants exactly these (a test keeps the two in step). Secrets are left out: RBAC cannot grant their
 * metadata without their data, and no posture check needs them.
 * @example
 * for (const [apiVersion, resource, kind] of SNAPSHOT_RESOURCES) listPath(apiVersion, resource)
 */
export const SNAPSHOT_RESOURCES: ReadonlyArray<readonly [string, string, string]> = [
  ['v1', 'namespaces', 'Namespace'],
  ['v1', 'nodes', 'Node'],
  ['v1', 'pods', 'Pod'],
  ['v1', 'services', 'Service'],
  ['v1', 'serviceaccounts', 'ServiceAccount'],
  ['v1', 'replicationcontrollers', 'ReplicationController'],
  ['v1', 'resourcequotas', 'ResourceQuota'],
  ['v1', 'limitranges', 'LimitRange'],
  ['apps/v1', 'deployments', 'Deployment'],
  ['apps/v1', 'statefulsets', 'StatefulSet'],
  ['apps/v1', 'daemonsets', 'DaemonSet'],
  ['apps/v1', 'replicasets', 'ReplicaSet'],
  ['batch/v1', 'jobs', 'Job'],
  ['batch/v1', 'cronjobs', 'CronJob'],
  ['rbac.authorization.k8s.io/v1', 'roles', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding'],
  ['networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy'],
  ['networking.k8s.io/v1', 'ingresses', 'Ingress'],
  ['admissionregistration.k8s.io/v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration'],
  ['apiregistration.k8s.io/v1', 'apiservices', 'APIService'],
]

/**
 * The API path that lists a resource across namespaces.
 * @example
 * listPath('apps/v1', 'deployments') // '/apis/apps/v1/deployments'
 */
export function listPath(apiVersion: string, resource: string): string {
  return `${apiVersion === 'v1' ? '/api' : '/apis'}/${apiVersion}/${resource}`
}
