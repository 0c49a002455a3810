import { describe, expect, it } from 'vitest'
import type { Finding } from '../../core/finding.js'
import { scorePosture } from './score.js'

const pod = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } })
const finding = (severity: Finding['severity'], namespace: string | undefined, name: string, kind = 'Pod'): Finding => ({
  checkId: 'x', controls: [], severity, resource: { kind, namespace, name }, message: '', remediation: '', evidence: {},
})

describe('scorePosture', () => {
  it('is 100 with no findings, and for an empty input', () => {
    expect(scorePosture([pod('a', 'p')], [])).toEqual({ cluster: 100, namespaces: { a: 100 } })
    expect(scorePosture([], [])).toEqual({ cluster: 100, namespaces: {} })
  })

  it('charges each resource its worst finding, per namespace and for the cluster', () => {
    const objects = [pod('a', 'p1'), pod('a', 'p2'), pod('b', 'p3'), pod('b', 'p4')]
    const findings = [finding('critical', 'a', 'p1'), finding('low', 'a', 'p1'), finding('medium', 'b', 'p3')]
    expect(scorePosture(objects, findings)).toEqual({ cluster: Math.round(100 * (1 - 1.4 / 4)), namespaces: { a: 50, b: 80 } })
  })

  it('counts resources only findings name (an RBAC subject) in the cluster score', () => {
    const score = scorePosture([pod('a', 'p1')], [finding('high', undefined, 'alice', 'User')])
    expect(score).toEqual({ cluster: Math.round(100 * (1 - 0.7 / 2)), namespaces: { a: 100 } })
  })
})
