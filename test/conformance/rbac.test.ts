import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { RBAC_CHECKS } from '../../src/posture/checks/rbac/index.js'
import { buildRbacModel } from '../../src/posture/rbac/model.js'
import type { KubeObject } from '../../src/posture/types.js'

// RBAC risk material (krane rules, and patterns compiled from KubiScan, rbac-police, Kubescape, CIS), read in place.
const ROOT = path.resolve(process.cwd(), '../shared/conformance/rbac-risk')
const RBAC = 'rbac.authorization.k8s.io/v1'
const ctx = { pssVersion: [1, 37] as const, includeSystemDefaults: false }

type Rule = { apiGroups?: string[]; resources?: string[]; verbs?: string[]; nonResourceURLs?: string[] }

function boundTo(rules: Rule[], subjects: object[] = [{ kind: 'User', name: 'tester' }], roleName = 'risky'): KubeObject[] {
  return [
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: roleName }, rules },
    { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: `bind-${roleName}` }, roleRef: { kind: 'ClusterRole', name: roleName }, subjects },
  ]
}

/** Ids of the RBAC checks that fire on the objects. */
function fired(objects: KubeObject[]): string[] {
  const model = buildRbacModel(objects)
  return RBAC_CHECKS.filter((check) => check.evaluate(model, ctx).length > 0).map((check) => check.id.replace('rbac.risk.', ''))
}

// krane risky-role rules -> the kubesiem checks that must flag a role made of exactly those rules.
const KRANE_EXPECTED: Record<string, string[]> = {
  'risky-get-secrets': ['secrets-read'],
  'risky-list-secrets': ['secrets-read'],
  'risky-impersonate-privileged-groups': ['impersonate'],
  'risky-any-verb-secrets': ['secrets-read', 'wildcards'],
  'risky-any-verb-pods': ['create-workloads', 'wildcards'],
  'risky-any-verb-deployments': ['create-workloads', 'wildcards'],
  'risky-any-verb-daemonsets': ['create-workloads', 'wildcards'],
  'risky-any-verb-statefulsets': ['create-workloads', 'wildcards'],
  'risky-any-verb-replicationcontrollers': ['create-workloads', 'wildcards'],
  'risky-any-verb-replicasets': ['create-workloads', 'wildcards'],
  'risky-any-verb-cronjobs': ['create-workloads', 'wildcards'],
  'risky-any-verb-jobs': ['create-workloads', 'wildcards'],
  'risky-any-verb-roles': ['bind', 'escalate', 'wildcards'],
  'risky-any-verb-clusterroles': ['bind', 'escalate', 'wildcards'],
  'risky-any-verb-rolebindings': ['wildcards'],
  'risky-any-verb-clusterrolebindings': ['wildcards'],
  'risky-any-verb-users': ['impersonate', 'wildcards'],
  'risky-any-verb-groups': ['impersonate', 'wildcards'],
  'risky-any-resource-delete': ['wildcards'],
  'risky-any-resource-deletecollection': ['wildcards'],
  'risky-any-resource-create': ['wildcards', 'create-workloads', 'pods-exec', 'pods-attach', 'serviceaccount-token', 'create-persistent-volumes', 'admission-webhooks'],
  'risky-any-resource-list': ['wildcards', 'secrets-read'],
  'risky-any-resource-get': ['wildcards', 'secrets-read', 'pods-exec', 'nodes-proxy'],
  'risky-any-resource-impersonate': ['wildcards', 'impersonate'],
  'risky-create-deployments': ['create-workloads'],
  'risky-update-deployments': ['create-workloads'],
  'risky-create-daemonsets': ['create-workloads'],
  'risky-update-daemonsets': ['create-workloads'],
  'risky-create-statefulsets': ['create-workloads'],
  'risky-update-statefulsets': ['create-workloads'],
  'risky-create-replicationcontrollers': ['create-workloads'],
  'risky-update-replicationcontrollers': ['create-workloads'],
  'risky-create-replicasets': ['create-workloads'],
  'risky-update-replicasets': ['create-workloads'],
  'risky-create-jobs': ['create-workloads'],
  'risky-update-jobs': ['create-workloads'],
  'risky-create-cronjobs': ['create-workloads'],
  'risky-update-cronjobs': ['create-workloads'],
  'risky-create-rolebinding-role': ['bind'],
  'risky-create-rolebinding-clusterrole': ['bind'],
  'risky-exec-pods': ['pods-exec'],
  'risky-attach-pods': ['pods-attach'],
}
// Deliberately not flagged: creating or patching a binding is not an escalation by itself, because
// the API server's escalation check requires holding the role's permissions or `bind` on it.
const KRANE_NOT_COVERED = new Set(['risky-create-clusterrolebinding', 'risky-add-rolebinding'])

// rbac-risk-patterns.json ids -> the check that must flag them.
const PATTERN_EXPECTED: Record<string, string> = {
  'wildcard-all': 'cluster-admin',
  'read-secrets': 'secrets-read',
  'create-pods': 'create-workloads',
  'create-update-pod-controllers': 'create-workloads',
  'pods-exec': 'pods-exec',
  'pods-attach': 'pods-attach',
  'pods-ephemeralcontainers': 'pods-ephemeral-containers',
  impersonate: 'impersonate',
  bind: 'bind',
  escalate: 'escalate',
  'nodes-proxy': 'nodes-proxy',
  'csr-approve': 'csr-approval',
  'token-request': 'serviceaccount-token',
  'admission-webhooks': 'admission-webhooks',
  'create-pv': 'create-persistent-volumes',
}

// Pattern fields mix values with notes: "get+create (KubiScan)", "secrets|pods", "userextras (authentication.k8s.io)".
const tokens = (values: string[] = []) => values.flatMap((v) => v.replace(/\([^)]*\)/g, ' ').split(/[|+\s]+/)).filter(Boolean)

describe('RBAC risk conformance', () => {
  const krane = parse(readFileSync(path.join(ROOT, 'krane/rules.yaml'), 'utf8')) as { rules: Array<{ id: string; template?: string; match_rules?: Rule[]; custom_params?: Record<string, string[]> }> }

  it('flags a role made of each krane risky-role rule with the matching checks', () => {
    const riskyRoles = krane.rules.filter((r) => r.template === 'risky-role')
    expect(riskyRoles.length).toBeGreaterThan(40)
    const failures = riskyRoles.flatMap((rule) => {
      if (KRANE_NOT_COVERED.has(rule.id)) return []
      const expected = KRANE_EXPECTED[rule.id]
      if (!expected) return [`${rule.id}: no expectation (new upstream rule?)`]
      const got = fired(boundTo(rule.match_rules ?? []))
      const missing = expected.filter((id) => !got.includes(id))
      return missing.length === 0 ? [] : [`${rule.id}: missing ${missing.join(', ')} (got ${got.join(', ') || 'nothing'})`]
    })
    expect(failures).toEqual([])
  })

  it('flags krane unauthenticated-subject-access and spares its baseline roles', () => {
    const rule = krane.rules.find((r) => r.id === 'unauthenticated-subject-access')!
    const subjects = rule.custom_params!.unauthenticated_subject_names
    for (const name of subjects) {
      const subject = name === 'system:anonymous' ? { kind: 'User', name } : { kind: 'Group', name }
      expect(fired(boundTo([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], [subject], 'view'))).toContain('public-group-bindings')
      for (const baseline of rule.custom_params!.baseline_role_names) {
        expect(fired(boundTo([{ nonResourceURLs: ['/version'], verbs: ['get'] }], [subject], baseline))).not.toContain('public-group-bindings')
      }
    }
  })

  it('flags every covered pattern of rbac-risk-patterns.json', () => {
    const { patterns } = JSON.parse(readFileSync(path.join(ROOT, 'rbac-risk-patterns.json'), 'utf8')) as { patterns: Array<{ id: string; verbs?: string[]; resources?: string[]; apiGroups?: string[]; subjects?: string[] }> }
    const failures = Object.entries(PATTERN_EXPECTED).flatMap(([id, check]) => {
      const pattern = patterns.find((p) => p.id === id)
      if (!pattern) return [`${id}: not in the pattern file`]
      const rule = { apiGroups: pattern.apiGroups ?? ['*'], resources: tokens(pattern.resources), verbs: tokens(pattern.verbs) }
      const got = fired(boundTo([rule]))
      return got.includes(check) ? [] : [`${id}: expected ${check}, got ${got.join(', ') || 'nothing'}`]
    })
    for (const name of patterns.find((p) => p.id === 'unauthenticated-or-all-authenticated-bindings')!.subjects!) {
      const subject = name === 'system:anonymous' ? { kind: 'User', name } : { kind: 'Group', name }
      if (!fired(boundTo([{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }], [subject])).includes('public-group-bindings')) failures.push(`public subject ${name} not flagged`)
    }
    if (!fired(boundTo([{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }], [{ kind: 'Group', name: 'system:masters' }])).includes('system-masters')) failures.push('system:masters not flagged')
    expect(failures).toEqual([])
  })
})
