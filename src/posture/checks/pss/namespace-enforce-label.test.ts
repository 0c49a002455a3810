import { describe, expect, it } from 'vitest'
import { messages } from '../../../../test/fixtures/posture-messages.js'
import type { KubeObject } from '../../types.js'
import { namespaceEnforceLabel } from './namespace-enforce-label.js'

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })
const admission = (enforce: string, exempt: string[] = []): KubeObject => ({
  apiVersion: 'apiserver.config.k8s.io/v1',
  kind: 'AdmissionConfiguration',
  plugins: [{ name: 'PodSecurity', configuration: { apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration', defaults: { enforce }, exemptions: { namespaces: exempt } } }],
})

describe('namespace enforce label with an AdmissionConfiguration', () => {
  it('passes unlabeled namespaces a baseline default covers, fails exempted ones and a privileged default', () => {
    expect(messages(namespaceEnforceLabel, [ns('shop'), ns('kube-system'), admission('baseline', ['kube-system'])])).toEqual([
      'namespace "kube-system" has no pod-security.kubernetes.io/enforce label, and the AdmissionConfiguration exempts it',
    ])
    expect(messages(namespaceEnforceLabel, [ns('shop'), admission('privileged')])).toEqual(['namespace "shop" has no pod-security.kubernetes.io/enforce label, and the AdmissionConfiguration default is privileged'])
  })
  it('without an AdmissionConfiguration, a label is required; a labeled namespace passes', () => {
    expect(messages(namespaceEnforceLabel, [ns('shop')])).toEqual(['namespace "shop" has no pod-security.kubernetes.io/enforce label, so the cluster default applies'])
    expect(messages(namespaceEnforceLabel, [ns('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' })])).toEqual([])
  })
})
