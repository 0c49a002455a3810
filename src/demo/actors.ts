import type { DemoRequest } from './audit-event.js'
import { pick } from './random.js'

type Routine = (rand: () => number) => Omit<DemoRequest, 'auditID' | 'time'>

const NAMESPACES = ['shop', 'payments', 'search', 'monitoring', 'ci']
const NODES = ['node-a1', 'node-a2', 'node-b1']
const SA = (ns: string, name: string): { username: string; groups: string[] } => ({
  username: `system:serviceaccount:${ns}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
})

/**
 * The benign cluster: controllers, the scheduler, kubelets, monitoring, CI and people, each with
 * a weight (how often it acts) and a routine (what one of its requests looks like).
 */
export const BENIGN_ACTORS: { weight: number; routine: Routine }[] = [
  {
    weight: 30,
    routine: (rand) => {
      const node = pick(rand, NODES)
      const kind = pick(rand, ['lease', 'status', 'pods', 'node'] as const)
      const user = { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] }
      const base = { user, sourceIP: `10.0.1.${NODES.indexOf(node) + 10}`, userAgent: 'kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46', code: 200 }
      if (kind === 'lease') return { ...base, verb: 'update', resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease', name: node }
      if (kind === 'status') return { ...base, verb: 'patch', resource: 'pods', subresource: 'status', namespace: pick(rand, NAMESPACES), name: `web-${Math.floor(rand() * 9)}` }
      if (kind === 'pods') return { ...base, verb: 'get', resource: 'pods', namespace: pick(rand, NAMESPACES), name: `web-${Math.floor(rand() * 9)}` }
      return { ...base, verb: 'patch', resource: 'nodes', subresource: 'status', name: node }
    },
  },
  {
    weight: 20,
    routine: (rand) => ({
      verb: pick(rand, ['get', 'update', 'list', 'watch']),
      user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
      sourceIP: '10.0.0.2',
      userAgent: 'kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/leader-election',
      resource: pick(rand, ['leases', 'endpointslices', 'replicasets', 'deployments']),
      apiGroup: pick(rand, ['coordination.k8s.io', 'discovery.k8s.io', 'apps']),
      namespace: pick(rand, ['kube-system', ...NAMESPACES]),
      code: 200,
    }),
  },
  {
    weight: 8,
    routine: (rand) => ({
      verb: 'create',
      user: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
      sourceIP: '10.0.0.2',
      userAgent: 'kube-scheduler/v1.31.2 (linux/amd64) kubernetes/5864a46/scheduler',
      resource: 'pods',
      subresource: 'binding',
      namespace: pick(rand, NAMESPACES),
      name: `web-${Math.floor(rand() * 9)}`,
      code: 201,
    }),
  },
  {
    weight: 8,
    routine: (rand) => ({
      verb: pick(rand, ['list', 'watch']),
      user: SA('monitoring', 'prometheus'),
      sourceIP: '10.244.3.17',
      userAgent: 'prometheus/2.53.0',
      resource: pick(rand, ['pods', 'endpoints', 'services', 'nodes']),
      namespace: pick(rand, [...NAMESPACES, undefined]),
      code: 200,
    }),
  },
  {
    weight: 4,
    routine: (rand) => ({
      verb: pick(rand, ['get', 'patch']),
      user: SA('ci', 'deployer'),
      sourceIP: '10.244.5.40',
      userAgent: 'argocd-application-controller/v2.12.3',
      resource: 'deployments',
      apiGroup: 'apps',
      namespace: pick(rand, ['shop', 'payments', 'search']),
      name: pick(rand, ['frontend', 'checkout', 'indexer']),
      code: 200,
    }),
  },
  {
    weight: 5,
    routine: (rand) => ({
      verb: pick(rand, ['get', 'list']),
      user: { username: pick(rand, ['alice@example.com', 'dave@example.com']), groups: ['developers', 'system:authenticated'] },
      sourceIP: pick(rand, ['192.0.2.10', '192.0.2.11']),
      userAgent: 'kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5',
      resource: pick(rand, ['pods', 'deployments', 'services', 'configmaps', 'events']),
      namespace: pick(rand, ['shop', 'search']),
      code: 200,
    }),
  },
  {
    weight: 3,
    routine: (rand) => ({
      verb: 'get',
      user: SA(pick(rand, ['shop', 'payments']), 'app'),
      sourceIP: `10.244.2.${Math.floor(rand() * 200) + 2}`,
      userAgent: 'Go-http-client/2.0',
      resource: 'configmaps',
      namespace: pick(rand, ['shop', 'payments']),
      name: 'app-config',
      code: 200,
    }),
  },
]
