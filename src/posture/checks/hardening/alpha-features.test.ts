import { describe, expect, it } from 'vitest'
import { loadK8sFeatureGates } from '../../../content/load-feature-gates.js'
import { messages } from '../../../../test/fixtures/posture-messages.js'
import { runPosture } from '../../runner.js'
import type { KubeObject } from '../../types.js'
import { alphaFeatures, kubeletAlphaFeatures } from './alpha-features.js'
import { newestMinor, stageAt } from './feature-gate-stages.js'

const featureGates = loadK8sFeatureGates()
const staticPod = (component: string, image: string, flags: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${component}-cp1`, namespace: 'kube-system' }, spec: { containers: [{ name: component, image, command: [component, ...flags] }] } })
const info = (gitVersion: string): KubeObject => ({ apiVersion: 'kubesiem.io/v1', kind: 'ClusterInfo', metadata: { name: 'lab' }, serverVersion: { gitVersion } })
const node = (kubeletVersion: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { nodeInfo: { kubeletVersion } } })
const kubeletConfig = (gates: Record<string, boolean>): KubeObject => ({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', featureGates: gates })

describe('single feature gates against the bundled stage history', () => {
  it('fails a gate that is alpha at the static pod image tag\'s version, naming the gate and the version', () => {
    expect(stageAt(featureGates, 'InPlacePodVerticalScaling', '1.30')?.stage).toBe('ALPHA')
    const pod = staticPod('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.30.2', ['--feature-gates=InPlacePodVerticalScaling=true'])
    expect(messages(alphaFeatures, [pod], { featureGates })).toEqual(['kube-apiserver: --feature-gates InPlacePodVerticalScaling=true is alpha in 1.30'])
  })

  it('passes the same gate where it is beta and on by default, or GA', () => {
    for (const tag of ['v1.33.1', 'v1.36.0']) {
      const pod = staticPod('kube-apiserver', `registry.k8s.io/kube-apiserver:${tag}`, ['--feature-gates=InPlacePodVerticalScaling=true'])
      expect(messages(alphaFeatures, [pod], { featureGates })).toEqual([])
    }
  })

  it('notes off-by-default beta gates in a failing finding and lists unknown gates in its evidence only', () => {
    const pod = staticPod('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.34.0', ['--feature-gates', 'DRAConsumableCapacity=true,SchedulerAsyncAPICalls=true,NoSuchGate=true,DRAPrioritizedList=false'])
    const [finding] = runPosture([pod], { checks: [alphaFeatures], levels: [], featureGates }).findings
    expect(finding.message).toBe('kube-scheduler: --feature-gates DRAConsumableCapacity=true is alpha in 1.34; SchedulerAsyncAPICalls=true is beta and off by default in 1.34')
    expect(finding.evidence.featureGates).toMatchObject({ version: '1.34', versionFrom: 'kube-scheduler image v1.34.0', alphaGates: ['DRAConsumableCapacity'], unknownGates: ['NoSuchGate'] })
    // a beta gate alone, or an unknown one, is not a failure
    expect(messages(alphaFeatures, [staticPod('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.34.0', ['--feature-gates=SchedulerAsyncAPICalls=true,NoSuchGate=true'])], { featureGates })).toEqual([])
  })

  it('goes by the cluster\'s version when the image has no tag, else by the newest in the table and says so', () => {
    const untagged = staticPod('kube-controller-manager', 'my-registry/kcm@sha256:abc', ['--feature-gates=InPlacePodVerticalScaling=true'])
    expect(messages(alphaFeatures, [untagged, info('v1.30.4-eks-1')], { featureGates })).toEqual(['kube-controller-manager: --feature-gates InPlacePodVerticalScaling=true is alpha in 1.30'])
    const newest = newestMinor(featureGates)
    const alphaStill = staticPod('kube-apiserver', 'x', ['--feature-gates=CSIVolumeHealth=true,AllBeta=true'])
    expect(messages(alphaFeatures, [alphaStill], { featureGates })).toEqual([`kube-apiserver: --feature-gates AllBeta=true; --feature-gates CSIVolumeHealth=true is alpha in ${newest} (no version found: judged at ${newest}, the newest in the feature-gate table)`])
  })

  it('judges a KubeletConfiguration at the kubelets\' version', () => {
    expect(messages(kubeletAlphaFeatures, [kubeletConfig({ NodeSwap: true, AllAlpha: false }), node('v1.27.3')], { featureGates })).toEqual(['kubelet featureGates: NodeSwap=true is alpha in 1.27'])
    expect(messages(kubeletAlphaFeatures, [kubeletConfig({ NodeSwap: true }), node('v1.30.0')], { featureGates })).toEqual([])
    expect(messages(kubeletAlphaFeatures, [kubeletConfig({ AllAlpha: true, AllBeta: true }), node('v1.30.0')], { featureGates })).toEqual(['kubelet featureGates: AllAlpha=true, AllBeta=true'])
  })
})
