import { describe, expect, it } from 'vitest'
import { runPosture } from '../../runner.js'
import type { KubeObject } from '../../types.js'

const pod = (spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations },
  spec: { containers: [{ name: 'a' }], ...spec },
})
const ids = (object: KubeObject, pssVersion: string, level: 'baseline' | 'restricted' = 'baseline') =>
  runPosture([object], { pssVersion, levels: [level] }).findings.map((f) => f.checkId)

describe('PSS version boundaries', () => {
  it('sysctls: the safe set grows with the version', () => {
    const keepalive = pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] } })
    expect(ids(keepalive, 'v1.28')).toContain('pss.baseline.sysctls')
    expect(ids(keepalive, 'v1.29')).not.toContain('pss.baseline.sysctls')
    const rmem = pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }] } })
    expect(ids(rmem, 'v1.31')).toContain('pss.baseline.sysctls')
    expect(ids(rmem, 'v1.32')).not.toContain('pss.baseline.sysctls')
    const lowat = pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] } })
    expect(ids(lowat, 'v1.36')).toContain('pss.baseline.sysctls')
    expect(ids(lowat, 'latest')).not.toContain('pss.baseline.sysctls')
  })

  it('hostProbesAndHostLifecycle exists from v1.34', () => {
    const probe = pod({ containers: [{ name: 'a', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] })
    expect(ids(probe, 'v1.33')).not.toContain('pss.baseline.hostProbesAndHostLifecycle')
    const [finding] = runPosture([probe], { pssVersion: 'v1.34', levels: ['baseline'] }).findings
    expect(finding.message).toBe('probe or lifecycle host (container "a" uses probe or lifecycle host "10.0.0.1")')
  })

  it('seLinuxOptions allows container_engine_t from v1.31', () => {
    const engine = pod({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } })
    expect(ids(engine, 'v1.30')).toContain('pss.baseline.seLinuxOptions')
    expect(ids(engine, 'v1.31')).not.toContain('pss.baseline.seLinuxOptions')
  })

  it('procMount Unmasked is allowed at baseline in a user namespace from v1.35, never at restricted', () => {
    const unmasked = pod({ hostUsers: false, containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] })
    expect(ids(unmasked, 'v1.34')).toContain('pss.baseline.procMount')
    expect(ids(unmasked, 'v1.35')).not.toContain('pss.baseline.procMount')
    expect(ids(unmasked, 'v1.35', 'restricted')).toContain('pss.restricted.procMount_restricted')
    expect(ids(unmasked, 'v1.34', 'restricted')).toContain('pss.baseline.procMount')
  })

  it('runAsNonRoot and runAsUser are relaxed for user-namespace pods from v1.35', () => {
    const root = pod({ hostUsers: false, securityContext: { runAsUser: 0 } })
    expect(ids(root, 'v1.34', 'restricted')).toEqual(expect.arrayContaining(['pss.restricted.runAsNonRoot', 'pss.restricted.runAsUser']))
    expect(ids(root, 'v1.35', 'restricted')).not.toEqual(expect.arrayContaining(['pss.restricted.runAsUser']))
    expect(ids(root, 'v1.35', 'restricted')).not.toContain('pss.restricted.runAsNonRoot')
  })

  it('seccomp: alpha annotations before v1.19, fields after', () => {
    const annotated = pod({}, { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })
    expect(ids(annotated, 'v1.18')).toContain('pss.baseline.seccompProfile_baseline')
    expect(ids(annotated, 'v1.19')).not.toContain('pss.baseline.seccompProfile_baseline')
    const field = pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } })
    expect(ids(field, 'v1.19')).toContain('pss.baseline.seccompProfile_baseline')
  })

  it('Windows pods are exempt from the Linux-only restricted checks from v1.25', () => {
    const windows = pod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true } })
    const linuxOnly = ['pss.restricted.allowPrivilegeEscalation', 'pss.restricted.capabilities_restricted', 'pss.restricted.seccompProfile_restricted']
    expect(ids(windows, 'v1.24', 'restricted')).toEqual(expect.arrayContaining(linuxOnly))
    expect(ids(windows, 'v1.25', 'restricted')).toEqual([])
  })

  it('runAsUser does not exist before v1.23', () => {
    const root = pod({ securityContext: { runAsNonRoot: true, runAsUser: 0 } })
    expect(ids(root, 'v1.22', 'restricted')).not.toContain('pss.restricted.runAsUser')
    expect(ids(root, 'v1.23', 'restricted')).toContain('pss.restricted.runAsUser')
  })
})
