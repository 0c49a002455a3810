const NAMESPACES = ['shop', 'payments', 'search', 'monitoring', 'ci']

const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({ name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) })

function deployment(name: string, namespace: string, image: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, namespace),
    spec: {
      replicas: 2, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, resources: { limits: { cpu: '500m', memory: '256Mi' } } }], ...extra } },
    },
  }
}

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, role: string, subjects: unknown[], namespace?: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(name, namespace),
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects,
})

/**
 * The demo cluster as `kubectl get -A -o json` would list it: the namespaces, workloads and RBAC
 * behind the demo audit stream, with the attack's results in place (the privileged hostPID pod,
 * the cluster-admin binding), so posture and the investigation's blast radius have something true
 * to show. Deterministic.
 * @example writeFileSync('demo-cluster.json', JSON.stringify(demoClusterSnapshot()))
 */
export function demoClusterSnapshot(): { apiVersion: 'v1'; kind: 'List'; items: unknown[] } {
  const items: unknown[] = [
    ...NAMESPACES.map((ns) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, ns === 'payments' ? { 'pod-security.kubernetes.io/enforce': 'baseline' } : {}) })),
    deployment('frontend', 'shop', 'registry.example.com/shop/frontend:2.4.1'),
    deployment('checkout', 'payments', 'registry.example.com/payments/checkout:1.9.0'),
    deployment('indexer', 'search', 'registry.example.com/search/indexer:latest', { hostNetwork: true }),
    deployment('prometheus', 'monitoring', 'quay.io/prometheus/prometheus:v2.53.0'),
    {
      apiVersion: 'v1', kind: 'Pod', metadata: meta('debug-node', 'payments'),
      spec: { hostPID: true, hostNetwork: true, containers: [{ name: 'shell', image: 'alpine:3.20', command: ['nsenter', '-t', '1', '-m', '-u', '-i', '-n', 'sh'], securityContext: { privileged: true } }] },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('frontend', 'shop'), spec: { type: 'LoadBalancer', ports: [{ port: 443 }], selector: { app: 'frontend' } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('default-deny', 'payments'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('backup', 'payments') },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('deployer', 'ci') },
    binding('RoleBinding', 'developers-edit', 'edit', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' }], 'payments'),
    binding('RoleBinding', 'developers-view', 'view', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' }], 'shop'),
    binding('ClusterRoleBinding', 'ci-deployer', 'edit', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]),
    binding('ClusterRoleBinding', 'backup-admin', 'cluster-admin', [{ kind: 'ServiceAccount', name: 'backup', namespace: 'payments' }]),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('secret-reader'),
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'get'] }],
    },
    binding('ClusterRoleBinding', 'mallory-secret-reader', 'secret-reader', [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'mallory@example.com' }]),
  ]
  return { apiVersion: 'v1', kind: 'List', items }
}
