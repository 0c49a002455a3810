import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../types.js'
import { canList } from './can-list.js'
import { buildRbacModel } from './model.js'
import { whoCan } from './who-can.js'

const RBAC = 'rbac.authorization.k8s.io/v1'

function bigCluster(bindings: number): KubeObject[] {
  const objects: KubeObject[] = [
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'view-ish' }, rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'deployments', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }] },
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'exec' }, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] },
  ]
  for (let i = 0; i < bindings; i++) {
    const ns = `ns-${i % 200}`
    objects.push({ apiVersion: RBAC, kind: 'Role', metadata: { name: `r${i}`, namespace: ns }, rules: [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get'] }, { apiGroups: ['batch'], resources: ['jobs'], verbs: ['*'] }] })
    objects.push({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: `rb${i}`, namespace: ns }, roleRef: { kind: i % 3 === 0 ? 'ClusterRole' : 'Role', name: i % 3 === 0 ? (i % 2 ? 'exec' : 'view-ish') : `r${i}` }, subjects: [{ kind: 'User', name: `user-${i}` }, { kind: 'ServiceAccount', name: `sa-${i}` }] })
  }
  return objects
}

describe('whoCan', () => {
  it('answers with every subject and its binding -> role -> rule path', () => {
    const model = buildRbacModel(bigCluster(6))
    const entries = whoCan(model, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'ns-3' })
    expect(entries).toEqual([
      { subject: { kind: 'User', name: 'user-3' }, path: { binding: { kind: 'RoleBinding', name: 'rb3', namespace: 'ns-3' }, role: { kind: 'ClusterRole', name: 'exec' }, ruleIndex: 0, aggregatedFrom: undefined } },
      { subject: { kind: 'ServiceAccount', name: 'sa-3', namespace: 'ns-3' }, path: { binding: { kind: 'RoleBinding', name: 'rb3', namespace: 'ns-3' }, role: { kind: 'ClusterRole', name: 'exec' }, ruleIndex: 0, aggregatedFrom: undefined } },
    ])
    expect(whoCan(model, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'ns-3' }, { anyNamespace: true }).length).toBe(2)
    expect(whoCan(model, { verb: 'delete', resource: 'jobs', apiGroup: 'batch', namespace: 'ns-1' }).map((e) => e.path.ruleIndex)).toEqual([1, 1])
  })

  it('stays fast over 5k bindings (indexed by resource)', () => {
    const model = buildRbacModel(bigCluster(5000))
    expect(model.bindings).toHaveLength(5000)
    const start = performance.now()
    for (let i = 0; i < 10; i++) {
      whoCan(model, { verb: 'get', resource: 'secrets', namespace: `ns-${i}` })
      whoCan(model, { verb: 'create', resource: 'pods', subresource: 'exec' }, { anyNamespace: true })
    }
    const perQuery = (performance.now() - start) / 20
    expect(perQuery).toBeLessThan(200)
    const held = canList(model, { kind: 'User', name: 'user-1' }, 'ns-1')
    expect(held.map((r) => r.resources)).toEqual([['secrets', 'configmaps'], ['jobs']])
  })
})
