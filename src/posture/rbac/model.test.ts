import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../types.js'
import { canList } from './can-list.js'
import { buildRbacModel } from './model.js'
import { whoCan } from './who-can.js'

const RBAC = 'rbac.authorization.k8s.io/v1'
const clusterRole = (name: string, rules: object[], { metadata, ...extra }: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: RBAC,
  kind: 'ClusterRole',
  metadata: { name, ...(metadata as object) },
  rules,
  ...extra,
})

describe('buildRbacModel', () => {
  it('resolves ClusterRole aggregation by label selectors, nested, and says where a rule came from', () => {
    const model = buildRbacModel([
      clusterRole('monitoring', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] } }),
      clusterRole('metrics-reader', [{ apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get'] }], { metadata: { labels: { 'example.com/aggregate-to-monitoring': 'true' } } }),
      clusterRole('super', [], { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'example.com/super', operator: 'Exists' }] }] } }),
      clusterRole('monitoring-child', [{ apiGroups: [''], resources: ['events'], verbs: ['list'] }], { metadata: { labels: { 'example.com/aggregate-to-monitoring': 'true', 'example.com/super': '' } } }),
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'mon' }, roleRef: { kind: 'ClusterRole', name: 'monitoring' }, subjects: [{ kind: 'User', name: 'prom' }] },
    ])
    expect(model.clusterRoles.get('monitoring')?.rules.map((r) => r.resources[0])).toEqual(['pods', 'events'])
    const [entry] = whoCan(model, { verb: 'get', resource: 'pods', apiGroup: 'metrics.k8s.io' })
    expect(entry).toEqual({ subject: { kind: 'User', name: 'prom' }, path: { binding: { kind: 'ClusterRoleBinding', name: 'mon' }, role: { kind: 'ClusterRole', name: 'monitoring' }, ruleIndex: 0, aggregatedFrom: 'metrics-reader' } })
    expect(model.clusterRoles.get('super')?.rules).toHaveLength(1)
  })

  it('scopes a RoleBinding to a ClusterRole to the binding namespace and keeps dangling bindings aside', () => {
    const model = buildRbacModel([
      clusterRole('secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'team-a' }, roleRef: { kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'app' }] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'ghost', namespace: 'team-a' }, roleRef: { kind: 'Role', name: 'missing' }, subjects: [{ kind: 'User', name: 'x' }] },
    ])
    expect(whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'team-a' }).map((e) => e.subject)).toEqual([{ kind: 'ServiceAccount', name: 'app', namespace: 'team-a' }])
    expect(whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'team-b' })).toEqual([])
    expect(whoCan(model, { verb: 'get', resource: 'secrets' })).toEqual([])
    expect(model.danglingBindings.map((b) => b.name)).toEqual(['ghost'])
  })

  it('matches identities like the authorizer: SA users and groups, authenticated and anonymous', () => {
    const model = buildRbacModel([
      clusterRole('reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
      clusterRole('health', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]),
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'all-sa-in-ci' }, roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'Group', name: 'system:serviceaccounts:ci' }] },
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'anon-health' }, roleRef: { kind: 'ClusterRole', name: 'health' }, subjects: [{ kind: 'Group', name: 'system:unauthenticated' }] },
    ])
    const sa = canList(model, { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' })
    expect(sa.map((r) => r.resources)).toEqual([['configmaps']])
    expect(canList(model, { kind: 'ServiceAccount', name: 'builder', namespace: 'prod' })).toEqual([])
    expect(canList(model, { kind: 'User', name: 'system:anonymous' }).map((r) => r.nonResourceURLs)).toEqual([['/healthz']])
    expect(canList(model, { kind: 'User', name: 'alice' })).toEqual([])
    expect(whoCan(model, { verb: 'get', nonResourceURL: '/healthz' }).map((e) => e.subject.name)).toEqual(['system:unauthenticated'])
  })
})

describe('buildRbacModel with partial input', () => {
  it('assumes the bootstrap cluster-admin/admin/edit/view ClusterRoles when bindings reference them but the input lacks them', () => {
    const model = buildRbacModel([
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'chart-admin' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'op', namespace: 'tools' }] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'dev-edit', namespace: 'dev' }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'Group', name: 'devs' }] },
    ])
    expect(whoCan(model, { verb: 'delete', resource: 'nodes' }).map((e) => e.subject.name)).toEqual(['op'])
    expect(model.clusterRoles.get('cluster-admin')?.builtin).toBe(true)
    expect(model.danglingBindings).toEqual([])
    // edit aggregates view (nested) and aggregate-to-edit: devs can exec in dev, read pods, but not touch roles.
    const exec = whoCan(model, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'dev' })
    expect(exec.map((e) => [e.subject.name, e.path.role.name, e.path.aggregatedFrom])).toEqual([['op', 'cluster-admin', undefined], ['devs', 'edit', 'system:aggregate-to-edit']])
    expect(whoCan(model, { verb: 'list', resource: 'pods', namespace: 'dev' }).map((e) => e.path.aggregatedFrom)).toContain('system:aggregate-to-view')
    expect(whoCan(model, { verb: 'create', resource: 'roles', apiGroup: 'rbac.authorization.k8s.io', namespace: 'dev' }).map((e) => e.subject.name)).toEqual(['op'])
  })
})
