import { describe, expect, it } from 'vitest'
import type { CheckContext } from '../../check.js'
import { buildRbacModel } from '../../rbac/model.js'
import type { KubeObject } from '../../types.js'
import { RBAC_CHECKS } from './index.js'

const RBAC = 'rbac.authorization.k8s.io/v1'
const ctx: CheckContext = { pssVersion: [1, 37], includeSystemDefaults: false }
type Rule = Record<string, string[]>

/** A ClusterRole with the rules, bound in namespace "team" (or cluster-wide) to User "mallory". */
function granted(rules: Rule[], options: { clusterWide?: boolean; roleName?: string; subjects?: object[]; bindingName?: string } = {}): KubeObject[] {
  const roleName = options.roleName ?? 'under-test'
  const binding = options.clusterWide
    ? { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: options.bindingName ?? 'b' } }
    : { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: options.bindingName ?? 'b', namespace: 'team' } }
  return [
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: roleName }, rules },
    { ...binding, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: options.subjects ?? [{ kind: 'User', name: 'mallory' }] },
  ]
}

function run(checkName: string, objects: KubeObject[], includeSystemDefaults = false) {
  const check = RBAC_CHECKS.find((c) => c.id === `rbac.risk.${checkName}`)
  if (!check) throw new Error(`no check ${checkName}`)
  return check.evaluate(buildRbacModel(objects), { ...ctx, includeSystemDefaults })
}

// Each check with one risky and one clean fixture; the clean one is the near miss.
const CASES: Array<{ check: string; risky: KubeObject[]; clean: KubeObject[] }> = [
  { check: 'cluster-admin', risky: granted([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], { clusterWide: true }), clean: granted([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }], { clusterWide: true }) },
  { check: 'wildcards', risky: granted([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }]), clean: granted([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }]) },
  { check: 'secrets-read', risky: granted([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]), clean: granted([{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }]) },
  { check: 'create-workloads', risky: granted([{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['patch'] }]), clean: granted([{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'delete'] }]) },
  { check: 'pods-exec', risky: granted([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }]), clean: granted([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'create'] }]) },
  { check: 'pods-attach', risky: granted([{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }]), clean: granted([{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }]) },
  { check: 'pods-ephemeral-containers', risky: granted([{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }]), clean: granted([{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['get'] }]) },
  { check: 'impersonate', risky: granted([{ apiGroups: [''], resources: ['groups'], verbs: ['impersonate'] }]), clean: granted([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] }]) },
  { check: 'bind', risky: granted([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] }]), clean: granted([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['view'] }]) },
  { check: 'escalate', risky: granted([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }]), clean: granted([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'update'] }]) },
  { check: 'nodes-proxy', risky: granted([{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }], { clusterWide: true }), clean: granted([{ apiGroups: [''], resources: ['nodes', 'nodes/status'], verbs: ['get'] }], { clusterWide: true }) },
  {
    check: 'csr-approval',
    risky: [
      ...granted([{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] }], { clusterWide: true, roleName: 'approver', bindingName: 'b1' }),
      ...granted([{ apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] }], { clusterWide: true, roleName: 'signer', bindingName: 'b2' }),
    ],
    clean: granted([{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] }], { clusterWide: true }),
  },
  { check: 'serviceaccount-token', risky: granted([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]), clean: granted([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] }]) },
  { check: 'admission-webhooks', risky: granted([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'] }], { clusterWide: true }), clean: granted([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['list'] }], { clusterWide: true }) },
  { check: 'create-persistent-volumes', risky: granted([{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] }], { clusterWide: true }), clean: granted([{ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] }]) },
  {
    check: 'public-group-bindings',
    risky: granted([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], { subjects: [{ kind: 'Group', name: 'system:authenticated' }] }),
    clean: granted([{ nonResourceURLs: ['/version'], verbs: ['get'] }], { clusterWide: true, roleName: 'system:public-info-viewer', bindingName: 'system:public-info-viewer', subjects: [{ kind: 'Group', name: 'system:unauthenticated' }] }),
  },
  {
    check: 'system-masters',
    risky: granted([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], { clusterWide: true, bindingName: 'ops-masters', subjects: [{ kind: 'Group', name: 'system:masters' }] }),
    clean: granted([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], { clusterWide: true, roleName: 'cluster-admin', bindingName: 'cluster-admin', subjects: [{ kind: 'Group', name: 'system:masters' }] }),
  },
]

describe('RBAC risk checks', () => {
  it('covers every check with a risky and a clean case', () => {
    expect(CASES.map((c) => `rbac.risk.${c.check}`).sort()).toEqual(RBAC_CHECKS.map((c) => c.id).sort())
  })

  it.each(CASES)('$check: flags the risky fixture and passes the clean one', ({ check, risky, clean }) => {
    const violations = run(check, risky)
    expect(violations.length).toBeGreaterThan(0)
    expect(run(check, clean)).toEqual([])
  })

  it('names the subjects and the path binding -> role -> rule', () => {
    const [violation] = run('secrets-read', [
      ...granted([
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
      ], { subjects: [{ kind: 'User', name: 'mallory' }, { kind: 'ServiceAccount', name: 'ci' }] }),
    ])
    expect(violation.message).toBe('User "mallory", ServiceAccount "team/ci" can read secrets in namespace "team" via RoleBinding/team/b -> ClusterRole/under-test rule #1')
    expect(violation.resource).toEqual({ apiVersion: RBAC, kind: 'RoleBinding', namespace: 'team', name: 'b' })
  })

  it('skips bootstrap bindings of system components unless asked, but not system:* bindings to people', () => {
    const bootstrap = granted([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }], {
      clusterWide: true, roleName: 'system:kube-controller-manager', bindingName: 'system:kube-controller-manager', subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }],
    })
    expect(run('secrets-read', bootstrap)).toEqual([])
    expect(run('secrets-read', bootstrap, true)).toHaveLength(1)
    const sneaky = granted([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], { clusterWide: true, bindingName: 'system:harmless', subjects: [{ kind: 'User', name: 'bob' }] })
    expect(run('secrets-read', sneaky)).toHaveLength(1)
  })

  it('reports CSR approval per subject that holds both halves', () => {
    const [violation] = run('csr-approval', CASES.find((c) => c.check === 'csr-approval')!.risky)
    expect(violation.message).toMatch(/^User "mallory" can approve CSRs and sign them in all namespaces via ClusterRoleBinding\/b1 -> ClusterRole\/approver rule #0; ClusterRoleBinding\/b2 -> ClusterRole\/signer rule #0$/)
  })
})
