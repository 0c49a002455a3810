import { describe, expect, it } from 'vitest'
import { messages } from '../../../../test/fixtures/posture-messages.js'
import type { KubeObject } from '../../types.js'
import { cloudMetadataAccess } from './cloud-metadata.js'
import { limitRange, networkPolicyCoverage, resourceQuota } from './namespace-checks.js'

const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
const netpol = (name: string, spec: Record<string, unknown>, namespace = 'shop'): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec })
const pod = (spec: Record<string, unknown> = {}, labels = { app: 'web' }): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels }, spec: { containers: [{ name: 'a', image: 'a' }], ...spec } })
const DENY_ALL = netpol('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })

describe('NetworkPolicy coverage', () => {
  it('fails a namespace without policies, or without a default deny per direction', () => {
    expect(messages(networkPolicyCoverage, [ns('shop')])).toEqual(['namespace "shop" has no NetworkPolicy'])
    expect(messages(networkPolicyCoverage, [ns('shop'), netpol('web', { podSelector: { matchLabels: { app: 'web' } } }), netpol('in', { podSelector: {} })])).toEqual(['namespace "shop" has no default-deny NetworkPolicy for Egress'])
    expect(messages(networkPolicyCoverage, [ns('kube-public')])).toEqual([])
  })
  it('passes a namespace with a default deny both ways', () => {
    expect(messages(networkPolicyCoverage, [ns('shop'), DENY_ALL])).toEqual([])
  })
})

describe('ResourceQuota and LimitRange', () => {
  it('fails namespaces without them (kube-system aside) and passes those with them', () => {
    expect(messages(resourceQuota, [ns('shop'), ns('kube-system')])).toEqual(['namespace "shop" has no ResourceQuota'])
    expect(messages(limitRange, [ns('shop')])).toEqual(['namespace "shop" has no LimitRange'])
    expect(messages(resourceQuota, [ns('shop'), { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'shop' } }])).toEqual([])
    expect(messages(limitRange, [ns('shop'), { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'shop' } }])).toEqual([])
  })
})

describe('cloud metadata access', () => {
  it('fails hostNetwork pods and pods whose egress is open or allows 169.254.169.254', () => {
    expect(messages(cloudMetadataAccess, [pod({ hostNetwork: true })])[0]).toContain('hostNetwork')
    expect(messages(cloudMetadataAccess, [ns('shop'), pod()])).toEqual(['pod can reach the cloud metadata service at 169.254.169.254: no NetworkPolicy isolates its egress'])
    const allowAllButCluster = netpol('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })
    expect(messages(cloudMetadataAccess, [ns('shop'), pod(), allowAllButCluster])).toEqual(['pod can reach the cloud metadata service at 169.254.169.254: an egress rule allows it'])
  })
  it('passes pods whose egress policy blocks the metadata address (or allows only other ports)', () => {
    const blocked = netpol('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] })
    expect(messages(cloudMetadataAccess, [ns('shop'), pod(), blocked])).toEqual([])
    const dnsOnly = netpol('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })
    expect(messages(cloudMetadataAccess, [ns('shop'), pod(), dnsOnly])).toEqual([])
    expect(messages(cloudMetadataAccess, [ns('shop'), pod(), DENY_ALL])).toEqual([])
  })
})
