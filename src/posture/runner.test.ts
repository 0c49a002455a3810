import { describe, expect, it } from 'vitest'
import { KubesiemError } from '../core/errors.js'
import { PSS_CHECKS } from './checks/pss/index.js'
import { parseManifests } from './input/parse-manifests.js'
import { pssChecksAt, runPosture } from './runner.js'
import type { KubeObject } from './types.js'

const hostNetworkSpec = { hostNetwork: true, containers: [{ name: 'app', image: 'x' }] }
const template = { metadata: { labels: { app: 'x' } }, spec: hostNetworkSpec }
const workloads: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'a' }, spec: hostNetworkSpec },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deploy', namespace: 'a' }, spec: { template } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts' }, spec: { template } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { template } },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { template } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron' }, spec: { jobTemplate: { spec: { template } } } },
]

describe('runPosture', () => {
  it('checks Pods and every pod template, with paths from the object root', () => {
    const { findings } = runPosture(workloads, { levels: ['baseline'] })
    const hostNs = findings.filter((f) => f.checkId === 'pss.baseline.hostNamespaces')
    expect(hostNs.map((f) => [f.resource?.kind, (f.evidence as { paths: string[] }).paths[0]])).toEqual([
      ['Pod', '/spec/hostNetwork'],
      ['Deployment', '/spec/template/spec/hostNetwork'],
      ['StatefulSet', '/spec/template/spec/hostNetwork'],
      ['DaemonSet', '/spec/template/spec/hostNetwork'],
      ['ReplicaSet', '/spec/template/spec/hostNetwork'],
      ['ReplicationController', '/spec/template/spec/hostNetwork'],
      ['Job', '/spec/template/spec/hostNetwork'],
      ['CronJob', '/spec/jobTemplate/spec/template/spec/hostNetwork'],
    ])
    expect(hostNs[0]).toMatchObject({ message: 'host namespaces (hostNetwork=true)', controls: ['pss:baseline:hostNamespaces', 'cis:5.2.3', 'cis:5.2.4', 'cis:5.2.5'], severity: 'high' })
  })

  it('evaluates templates without containers or spec instead of crashing, and ignores unknown kinds', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'empty' }, spec: { template: { spec: {} } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'bare' } },
      { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'crd' }, spec: { template: { spec: hostNetworkSpec } } },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } },
    ]
    const result = runPosture(objects)
    expect(result.problems).toEqual([])
    expect(result.summary.podSpecs).toBe(2)
    expect(result.findings.filter((f) => f.checkId.startsWith('pss.'))).toEqual([])
  })

  it('reports a violation once across levels and lists the levels it breaks', () => {
    const { findings } = runPosture([workloads[0]], { levels: ['baseline', 'restricted'] })
    const hostNs = findings.filter((f) => f.checkId === 'pss.baseline.hostNamespaces')
    expect(hostNs).toHaveLength(1)
    expect((hostNs[0].evidence as { levels: string[] }).levels).toEqual(['baseline', 'restricted'])
  })

  it('reports restricted replacements instead of the baseline checks at restricted, like the admission plugin', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }], volumes: [{ name: 'h', hostPath: { path: '/' } }] } }
    const restricted = runPosture([pod], { levels: ['restricted'] }).findings.map((f) => f.checkId)
    expect(restricted).toContain('pss.restricted.restrictedVolumes')
    expect(restricted).not.toContain('pss.baseline.hostPathVolumes')
    const both = runPosture([pod]).findings.map((f) => f.checkId)
    expect(both).toEqual(expect.arrayContaining(['pss.baseline.hostPathVolumes', 'pss.restricted.restrictedVolumes']))
    const ctx = { pssVersion: [1, 21] as const, includeSystemDefaults: false }
    // capabilities_restricted only exists from v1.22: before, baseline capabilities applies at restricted.
    expect(pssChecksAt(PSS_CHECKS, 'restricted', ctx).map((c) => c.pss?.id)).toContain('capabilities_baseline')
  })

  it('flags namespaces without a pod-security enforce label', () => {
    const { findings } = runPosture([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'open' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'guarded', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    ])
    expect(findings.map((f) => [f.checkId, f.resource?.name])).toEqual([['pss.admission.namespace-enforce-label', 'open']])
  })

  it('keeps origins from parsed manifests and summarizes', () => {
    const { objects } = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a}]\n', 'pod.yaml')
    const result = runPosture(objects, { levels: ['baseline'] })
    expect(result.findings[0].evidence).toMatchObject({ origin: { file: 'pod.yaml', line: 1 }, paths: ['/spec/hostPID'] })
    expect(result.summary).toMatchObject({ objects: 1, podSpecs: 1, findings: 1, pssVersion: 'v1.37', levels: ['baseline'] })
    expect(result.summary.byCheck).toEqual({ 'pss.baseline.hostNamespaces': 1 })
  })

  it('rejects an unknown PSS version as bad config', () => {
    expect(() => runPosture([], { pssVersion: 'one-point-thirty' })).toThrow(KubesiemError)
  })

  it('turns a check that throws into a problem and keeps going', () => {
    const broken = { ...PSS_CHECKS[0], id: 'x.broken', pss: undefined, evaluate: () => { throw new Error('boom') } }
    const { problems, findings } = runPosture(workloads.slice(0, 1), { checks: [broken, PSS_CHECKS[1]] })
    expect(problems[0]).toMatchObject({ code: 'KUBESIEM_POSTURE_CHECK_FAILED', file: '<input>' })
    expect(findings).toHaveLength(1)
  })
})

describe('runPosture on a live dump', () => {
  it('judges a controlled Pod or ReplicaSet at its owner when the owner is in the input', () => {
    const owned = (kind: string, name: string, owner: string, ownerKind: string): KubeObject => ({
      apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
      kind,
      metadata: { name, namespace: 'a', ownerReferences: [{ apiVersion: 'apps/v1', kind: ownerKind, name: owner, controller: true }] },
      spec: kind === 'Pod' ? hostNetworkSpec : { template },
    })
    const { findings, summary } = runPosture([workloads[1], owned('ReplicaSet', 'deploy-1', 'deploy', 'Deployment'), owned('Pod', 'deploy-1-x', 'deploy-1', 'ReplicaSet'), owned('Pod', 'orphan', 'gone', 'ReplicaSet')], { levels: ['baseline'] })
    expect(summary.podSpecs).toBe(2)
    expect(findings.map((f) => f.resource?.name)).toEqual(['deploy', 'orphan'])
  })

  it('returns RBAC risk findings with the binding as resource and its origin', () => {
    const { objects } = parseManifests(
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata: {name: ci-admin}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
        'subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]',
      ].join('\n'),
      'rbac.yaml',
    )
    const { findings } = runPosture(objects)
    // One binding to cluster-admin is one finding, not one per risk it subsumes.
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      checkId: 'rbac.risk.cluster-admin',
      controls: ['rbac:cluster-admin', 'cis:5.1.1'],
      severity: 'critical',
      resource: { kind: 'ClusterRoleBinding', name: 'ci-admin' },
      message: 'ServiceAccount "ci/deployer" can do anything (cluster-admin) in all namespaces via ClusterRoleBinding/ci-admin -> ClusterRole/cluster-admin rule #0',
      evidence: { origin: { file: 'rbac.yaml', line: 1 } },
    })
  })
})
