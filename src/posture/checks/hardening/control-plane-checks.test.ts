import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../types.js'
import { auditPolicyQuality } from './audit-policy.js'
import { alphaFeatures, auditLogging, encryptionProviders, kubeletAlphaFeatures, secretsEncryption } from './control-plane-checks.js'
import { messages } from '../../../../test/fixtures/posture-messages.js'

const staticPod = (component: string, flags: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: component, namespace: 'kube-system' }, spec: { containers: [{ name: component, image: 'x', command: [component, ...flags] }] } })
const encryption = (providers: Array<Record<string, unknown>>, resources = ['secrets']): KubeObject => ({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources, providers }] })
const policy = (rules: Array<Record<string, unknown>>): KubeObject => ({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules })

describe('secrets encryption at rest', () => {
  it('fails an API server without an encryption config, and configs with identity first or without secrets', () => {
    expect(messages(secretsEncryption, [staticPod('kube-apiserver', ['--profiling=false'])])).toEqual(['kube-apiserver has no --encryption-provider-config: Secrets are stored in etcd in plain text'])
    expect(messages(encryptionProviders, [encryption([{ identity: {} }, { aescbc: {} }])])).toEqual(['EncryptionConfiguration writes secrets with identity (no encryption)'])
    expect(messages(encryptionProviders, [encryption([{ aescbc: {} }], ['configmaps'])])).toEqual(['EncryptionConfiguration does not cover secrets'])
  })
  it('passes an API server with a config and a config with a cipher first', () => {
    expect(messages(secretsEncryption, [staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc.yaml'])])).toEqual([])
    expect(messages(encryptionProviders, [encryption([{ kms: { apiVersion: 'v2' } }, { identity: {} }])])).toEqual([])
  })
})

describe('audit logging and the audit policy', () => {
  it('fails an API server without policy or backend, passes one with both', () => {
    expect(messages(auditLogging, [staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log'])])).toEqual(['kube-apiserver does not audit: no --audit-policy-file'])
    expect(messages(auditLogging, [staticPod('kube-apiserver', ['--audit-policy-file=/p.yaml', '--audit-webhook-config-file=/w.yaml'])])).toEqual([])
  })
  it('fails a policy that logs secrets above Metadata or skips exec; passes a careful one', () => {
    const careless = messages(auditPolicyQuality, [policy([{ level: 'None', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] }, { level: 'RequestResponse' }])])
    expect(careless[0]).toContain('get secrets is logged at RequestResponse')
    expect(careless[0]).toContain('pods/exec is not logged')
    const careful = policy([
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] },
      { level: 'Request', verbs: ['create', 'update', 'patch', 'delete'] },
      { level: 'Metadata' },
    ])
    expect(messages(auditPolicyQuality, [careful])).toEqual([])
  })
})

describe('alpha and beta features', () => {
  it('fails AllAlpha/AllBeta gates and alpha runtime-config, passes single gates', () => {
    expect(messages(alphaFeatures, [staticPod('kube-apiserver', ['--feature-gates=AllAlpha=true,Foo=false', '--runtime-config=api/alpha=true'])])).toEqual(['kube-apiserver: --feature-gates AllAlpha=true; --runtime-config api/alpha=true enables alpha APIs'])
    expect(messages(alphaFeatures, [staticPod('kube-controller-manager', ['--feature-gates', 'AllBeta=true'])])).toEqual(['kube-controller-manager: --feature-gates AllBeta=true'])
    expect(messages(alphaFeatures, [staticPod('kube-apiserver', ['--feature-gates=InPlacePodVerticalScaling=true', '--runtime-config=batch/v1=true'])])).toEqual([])
    expect(messages(kubeletAlphaFeatures, [{ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', featureGates: { AllAlpha: true } }])).toEqual(['kubelet featureGates: AllAlpha=true'])
    expect(messages(kubeletAlphaFeatures, [{ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', featureGates: { AllAlpha: false } }])).toEqual([])
  })
})
