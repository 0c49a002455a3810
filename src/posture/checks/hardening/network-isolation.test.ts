import { describe, expect, it } from 'vitest'
import { runPosture } from '../../runner.js'
import type { KubeObject } from '../../types.js'
import { networkIsolation } from './network-isolation.js'

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } }
const policy = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec })
const messages = (objects: KubeObject[]) => runPosture(objects, { checks: [networkIsolation] }).findings.map((f) => f.message)

describe('network isolation', () => {
  it('passes a pod behind a default-deny policy (no rules at all)', () => {
    expect(messages([pod, policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })])).toEqual([])
  })

  it('reports the directions left open, with policyTypes defaulting', () => {
    expect(messages([pod, policy('in', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })])).toEqual(['no NetworkPolicy in namespace "shop" selects this pod for Egress'])
    expect(messages([pod, policy('other', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress', 'Egress'] })])).toEqual([
      'no NetworkPolicy in namespace "shop" selects this pod for Ingress or Egress',
    ])
    expect(messages([pod, policy('eg', { podSelector: { matchLabels: { app: 'web' } }, egress: [{ to: [] }] })])).toEqual([])
  })

  it('does not judge a namespace the input says nothing about', () => {
    expect(messages([pod])).toEqual([])
    expect(messages([pod, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }])).toHaveLength(1)
  })
})
