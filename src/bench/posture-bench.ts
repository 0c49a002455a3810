import { loadCisBenchmark } from '../content/load-cis.js'
import { loadK8sReleases } from '../content/load-releases.js'
import { CLUSTER_HARDENING_CHECKS } from '../posture/checks/hardening/index.js'
import { parseManifests } from '../posture/input/parse-manifests.js'
import { buildRbacModel, whoCan } from '../posture/rbac/index.js'
import { BUILTIN_CHECKS, runPosture } from '../posture/runner.js'
import type { KubeObject } from '../posture/types.js'

const RBAC = 'rbac.authorization.k8s.io/v1'

/**
 * A deterministic `kubectl get -A -o json` style dump: per namespace a Deployment → ReplicaSet →
 * Pods chain, Services, ServiceAccounts, ConfigMaps, a NetworkPolicy, and Roles with RoleBindings,
 * plus cluster-wide ClusterRoles and ClusterRoleBindings, until `objects` objects and `bindings`
 * bindings exist.
 * @example
 * generateClusterDump(50_000, 5_000).items.length // 50000
 */
export function generateClusterDump(objects: number, bindings: number): { apiVersion: 'v1'; kind: 'List'; items: KubeObject[] } {
  const items: KubeObject[] = []
  const namespaces = 200
  const container = (i: number) => ({ name: 'app', image: `registry.example.com/app-${i % 50}:1.${i % 7}`, securityContext: i % 9 === 0 ? { privileged: true } : { runAsNonRoot: true, allowPrivilegeEscalation: false }, resources: { limits: { memory: '128Mi' } } })
  for (let n = 0; n < namespaces; n++) {
    const namespace = `team-${n}`
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: n % 3 === 0 ? { 'pod-security.kubernetes.io/enforce': 'baseline' } : {} } })
    items.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace }, spec: { podSelector: {}, policyTypes: n % 2 === 0 ? ['Ingress', 'Egress'] : ['Ingress'] } })
  }
  for (let b = 0; b < bindings; b++) {
    const namespace = `team-${b % namespaces}`
    const clusterWide = b % 10 === 0
    const role = { apiVersion: RBAC, kind: clusterWide ? 'ClusterRole' : 'Role', metadata: { name: `role-${b}`, ...(clusterWide ? {} : { namespace }) }, rules: [{ apiGroups: [''], resources: b % 13 === 0 ? ['secrets'] : ['pods', 'configmaps'], verbs: b % 17 === 0 ? ['*'] : ['get', 'list'] }] }
    items.push(role)
    items.push({ apiVersion: RBAC, kind: clusterWide ? 'ClusterRoleBinding' : 'RoleBinding', metadata: { name: `binding-${b}`, ...(clusterWide ? {} : { namespace }) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.metadata.name }, subjects: [{ kind: b % 2 ? 'User' : 'ServiceAccount', name: `subject-${b % 700}`, namespace }] })
  }
  for (let i = 0; items.length < objects; i++) {
    const namespace = `team-${i % namespaces}`
    const labels = { app: `app-${i}` }
    const template = { metadata: { labels }, spec: { serviceAccountName: `sa-${i % 40}`, containers: [container(i)] } }
    items.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${i}`, namespace, uid: `d-${i}` }, spec: { replicas: 2, selector: { matchLabels: labels }, template } })
    items.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `app-${i}-7d9`, namespace, uid: `r-${i}`, ownerReferences: [{ kind: 'Deployment', name: `app-${i}`, uid: `d-${i}`, controller: true }] }, spec: { template } })
    for (let p = 0; p < 2; p++) items.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `app-${i}-7d9-${p}`, namespace, labels, ownerReferences: [{ kind: 'ReplicaSet', name: `app-${i}-7d9`, uid: `r-${i}`, controller: true }] }, spec: template.spec })
    items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `app-${i}`, namespace }, spec: { type: i % 25 === 0 ? 'NodePort' : 'ClusterIP', selector: labels, ports: [{ port: 80, targetPort: 8080 }] } })
    items.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `app-${i}`, namespace }, data: { 'config.yaml': `level: info\nreplicas: ${i}\n` } })
    if (i % 5 === 0) items.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i % 40}`, namespace } })
  }
  return { apiVersion: 'v1', kind: 'List', items: items.slice(0, objects) }
}

/**
 * Posture over a generated 50k-object dump (parse + every check `kubesiem posture` runs), and
 * who-can (model build + query) over 5k bindings. Aims: <= 10 s and <= 200 ms. `rbacModelMs` and
 * `whoCanQueryMs` split the latter.
 * @example
 * const { postureSeconds, whoCanMs } = await postureBench()
 */
export async function postureBench(): Promise<{ objects: number; postureSeconds: number; whoCanMs: number; bindings: number; rbacModelMs: number; whoCanQueryMs: number }> {
  const bindings = 5_000
  const text = JSON.stringify(generateClusterDump(50_000, bindings))
  const checks = [...BUILTIN_CHECKS, ...CLUSTER_HARDENING_CHECKS]
  const cis = loadCisBenchmark()
  const releases = loadK8sReleases()
  const start = performance.now()
  const { objects } = parseManifests(text, 'dump.json')
  runPosture(objects, { checks, cis, releases })
  const postureSeconds = (performance.now() - start) / 1000
  const rbacObjects = objects.filter((o) => /Role/.test(o.object.kind ?? ''))
  // What `kubesiem rbac who-can` does once the input is read: build the model, answer. Both are
  // reported apart too, since on a shared machine the build (allocation-heavy) is what GC pauses hit.
  const buildStart = performance.now()
  const model = buildRbacModel(rbacObjects)
  const rbacModelMs = performance.now() - buildStart
  const queryStart = performance.now()
  whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'team-7' })
  whoCan(model, { verb: 'get', resource: 'secrets' }, { anyNamespace: true })
  const whoCanQueryMs = performance.now() - queryStart
  const bindingCount = rbacObjects.filter((o) => /Binding$/.test(o.object.kind ?? '')).length
  return { objects: objects.length, postureSeconds, whoCanMs: rbacModelMs + whoCanQueryMs, bindings: bindingCount, rbacModelMs, whoCanQueryMs }
}
