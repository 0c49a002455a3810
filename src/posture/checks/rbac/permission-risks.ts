import type { Check } from '../../check.js'
import { grantsFor } from '../../rbac/who-can.js'
import type { ResourceRequest } from '../../rbac/rule-matches.js'
import type { Grant } from '../../rbac/types.js'
import { fromAdminRole } from './cluster-admin.js'
import { defineRbacRisk, violationsByBinding, type RbacRiskMeta } from './risk.js'

/** A risk that is "some binding allows any one of these requests", anywhere in the cluster. */
export interface PermissionRisk extends RbacRiskMeta {
  /** What the subjects can do, for the message: "can <what>". */
  what: string
  requests: Array<Omit<ResourceRequest, 'namespace' | 'name'>>
}

const each = (verbs: string[], resources: string[], apiGroup = ''): PermissionRisk['requests'] =>
  verbs.flatMap((verb) =>
    resources.map((r) => {
      const [resource, subresource] = r.split('/')
      return { verb, resource, subresource, apiGroup }
    }),
  )

/**
 * Turn a permission risk into a check: every binding whose role allows one of the requests.
 * Rules restricted by resourceNames are not counted (they reach named objects only), nor grants
 * of cluster-admin-equivalent roles (reported once by the cluster-admin check).
 * @example
 * const check = definePermissionRisk({ name: 'pods-exec', …, requests: each(['create'], ['pods/exec']) })
 */
export function definePermissionRisk(risk: PermissionRisk): Check<'Rbac'> {
  return defineRbacRisk(risk, (model, ctx) => {
    const grants = new Set<Grant>()
    for (const request of risk.requests) for (const g of grantsFor(model, request, { anyNamespace: true })) if (!fromAdminRole(g)) grants.add(g)
    return violationsByBinding([...grants], risk.what, ctx)
  })
}

// Exec, attach and port-forward are CONNECT requests: a WebSocket client sends GET, which the
// authorizer checks as verb "get" (until AuthorizePodWebsocketUpgradeCreatePermission), so both count.
const CONNECT_VERBS = ['create', 'get']

/** The permission-shaped risks, from rbac-risk-patterns.json (KubiScan, rbac-police, krane, Kubescape, CIS 5.1.x). */
export const PERMISSION_RISKS: PermissionRisk[] = [
  {
    name: 'secrets-read', title: 'Subjects can read Secrets', severity: 'high', what: 'read secrets',
    patterns: ['read-secrets'], cis: ['5.1.2'],
    remediation: 'Grant get/list/watch on secrets only to the workloads that need them, by resourceNames where possible.',
    requests: each(['get', 'list', 'watch'], ['secrets']),
  },
  {
    name: 'create-workloads', title: 'Subjects can create pods or workloads', severity: 'high', what: 'create pods or pod controllers',
    patterns: ['create-pods', 'create-update-pod-controllers'], cis: ['5.1.4'],
    remediation: 'Limit pod and workload creation to CI/CD identities and namespaces guarded by Pod Security admission; a pod can mount any ServiceAccount and Secret of its namespace.',
    requests: [
      ...each(['create'], ['pods']),
      ...each(['create', 'update', 'patch'], ['replicationcontrollers']),
      ...each(['create', 'update', 'patch'], ['deployments', 'daemonsets', 'statefulsets', 'replicasets'], 'apps'),
      ...each(['create', 'update', 'patch'], ['jobs', 'cronjobs'], 'batch'),
    ],
  },
  {
    name: 'pods-exec', title: 'Subjects can exec into pods', severity: 'high', what: 'exec into pods',
    patterns: ['pods-exec'],
    remediation: 'Remove pods/exec from roles of people and workloads; use short-lived break-glass access instead.',
    requests: each(CONNECT_VERBS, ['pods/exec']),
  },
  {
    name: 'pods-attach', title: 'Subjects can attach to pods', severity: 'high', what: 'attach to running containers',
    patterns: ['pods-attach'],
    remediation: 'Remove pods/attach from roles that do not need interactive access.',
    requests: each(CONNECT_VERBS, ['pods/attach']),
  },
  {
    name: 'pods-ephemeral-containers', title: 'Subjects can add ephemeral containers', severity: 'high', what: 'add ephemeral (debug) containers to pods',
    patterns: ['pods-ephemeralcontainers'],
    remediation: 'Grant update/patch on pods/ephemeralcontainers only for debugging, and only where Pod Security admission applies.',
    requests: each(['update', 'patch'], ['pods/ephemeralcontainers']),
  },
  {
    name: 'impersonate', title: 'Subjects can impersonate', severity: 'critical', what: 'impersonate other identities',
    patterns: ['impersonate'], cis: ['5.1.8'],
    remediation: 'Remove the impersonate verb, or restrict it with resourceNames to specific users/groups.',
    requests: [...each(['impersonate'], ['users', 'groups', 'serviceaccounts']), ...each(['impersonate'], ['uids', 'userextras'], 'authentication.k8s.io')],
  },
  {
    name: 'bind', title: 'Subjects can bind any role', severity: 'critical', what: 'bind roles they do not hold',
    patterns: ['bind'], cis: ['5.1.8'],
    remediation: 'Remove the bind verb, or restrict it with resourceNames to the roles that may be handed out.',
    requests: each(['bind'], ['roles', 'clusterroles'], 'rbac.authorization.k8s.io'),
  },
  {
    name: 'escalate', title: 'Subjects can escalate roles', severity: 'critical', what: 'grant roles permissions they do not hold (escalate)',
    patterns: ['escalate'], cis: ['5.1.8'],
    remediation: 'Remove the escalate verb from roles and clusterroles rules.',
    requests: each(['escalate'], ['roles', 'clusterroles'], 'rbac.authorization.k8s.io'),
  },
  {
    name: 'nodes-proxy', title: 'Subjects can use nodes/proxy', severity: 'high', what: 'reach the kubelet API through nodes/proxy',
    patterns: ['nodes-proxy'], cis: ['5.1.10'],
    remediation: 'Remove nodes/proxy; the kubelet API runs commands in any pod on the node, bypassing audit of exec.',
    requests: each(['get', 'create'], ['nodes/proxy']),
  },
  {
    name: 'serviceaccount-token', title: 'Subjects can mint ServiceAccount tokens', severity: 'high', what: 'create ServiceAccount tokens',
    patterns: ['token-request'], cis: ['5.1.13'],
    remediation: 'Remove create on serviceaccounts/token, or restrict it with resourceNames.',
    requests: each(['create'], ['serviceaccounts/token']),
  },
  {
    name: 'admission-webhooks', title: 'Subjects can change admission webhooks', severity: 'high', what: 'create, change or delete admission webhook configurations',
    patterns: ['admission-webhooks'], cis: ['5.1.12'],
    remediation: 'Limit writes to validating/mutating webhook configurations to the operators that own them.',
    requests: each(['create', 'update', 'patch', 'delete'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], 'admissionregistration.k8s.io'),
  },
  {
    name: 'create-persistent-volumes', title: 'Subjects can create PersistentVolumes', severity: 'medium', what: 'create PersistentVolumes (e.g. hostPath onto the node)',
    patterns: ['create-pv'], cis: ['5.1.9'],
    remediation: 'Let users claim storage through PersistentVolumeClaims and StorageClasses; keep PV creation for storage admins.',
    requests: each(['create'], ['persistentvolumes']),
  },
]

/** The permission risks as checks. */
export const PERMISSION_RISK_CHECKS: Check<'Rbac'>[] = PERMISSION_RISKS.map(definePermissionRisk)
