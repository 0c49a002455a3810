import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from '../../../../test/fixtures/posture-messages.js'
import type { K8sReleases } from '../../check.js'
import type { KubeObject } from '../../types.js'
import { certificateExpiry } from './certificate-checks.js'
import { endOfSupport, isAffected, knownCves, patchLevel } from './version-checks.js'

const releases = JSON.parse(readFileSync(resolve(process.cwd(), 'content/k8s-releases.json'), 'utf8')) as K8sReleases
const NOW = Date.parse('2026-11-20T00:00:00Z')
const info = (gitVersion: string): KubeObject => ({ apiVersion: 'kubesiem.io/v1', kind: 'ClusterInfo', metadata: { name: 'lab' }, serverVersion: { gitVersion } })
const node = (kubeletVersion: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { nodeInfo: { kubeletVersion } } })

describe('Kubernetes version against the bundled snapshot', () => {
  it('fails an unsupported minor, an old patch and known CVEs', () => {
    expect(messages(endOfSupport, [info('v1.33.4-eks-1')], { releases, now: NOW })).toEqual(['API server v1.33.4-eks-1: 1.33 reached end of support on 2026-06-28'])
    expect(messages(endOfSupport, [node('v1.21.0')], { releases, now: NOW })).toEqual(['kubelet on node-1 v1.21.0: 1.21 is older than every supported release'])
    expect(messages(patchLevel, [node('v1.36.0')], { releases, now: NOW })).toEqual(['kubelet on node-1 v1.36.0: 1 patch releases behind 1.36.1'])
    const apiServerPod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-apiserver-cp1', namespace: 'kube-system' }, spec: { containers: [{ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.32.1', command: ['kube-apiserver'] }] } }
    expect(messages(endOfSupport, [apiServerPod], { releases, now: NOW })).toEqual(['API server v1.32.1: 1.32 reached end of support on 2026-03-10'])
    expect(messages(knownCves, [node('v1.28.3')], { releases, now: NOW })[0]).toMatch(/affected by CVE-2023-5528 .*CVE-2024-3177 .*CVE-2024-10220 .*CVE-2025-0426/)
  })
  it('passes a supported, fully patched version with no known CVE', () => {
    const latest = releases.minors.at(-1)!.latestPatch
    for (const check of [endOfSupport, patchLevel, knownCves]) expect(messages(check, [info(`v${latest}`), node(`v${latest}`)], { releases, now: NOW })).toEqual([])
    expect(isAffected(['1.28.4', '1.27.8'], [1, 29, 0])).toBe(false)
    expect(isAffected(['1.28.4', '1.27.8'], [1, 26, 9])).toBe(true)
  })
})

describe('certificate expiry and rotation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesiem-pki-'))
  const cert = (name: string, days: number, ca = false): KubeObject => {
    const file = join(dir, `${name}.crt`)
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', file, '-days', String(days), '-subj', `/CN=${name}`, ...(ca ? [] : ['-addext', 'basicConstraints=critical,CA:FALSE'])], { stdio: 'ignore' })
    return { apiVersion: 'kubesiem.io/v1', kind: 'CertificateFile', metadata: { name: `/pki/${name}.crt` }, path: `/pki/${name}.crt`, pem: readFileSync(file, 'utf8') }
  }
  it('fails an expired, a soon-expiring and an old leaf certificate', () => {
    // The clock is read after openssl has stamped each certificate (notBefore, to the second), plus
    // a second: read before, a slow openssl made a 400-day-old certificate 399 days old.
    const daysOn = (days: number): number => Date.now() + 1000 + days * 86_400_000
    const soon = cert('soon', 10)
    expect(messages(certificateExpiry, [soon], { now: daysOn(0) })[0]).toMatch(/^certificate \/pki\/soon\.crt \(CN=soon\) expires in 9 days/)
    const gone = cert('gone', 1)
    expect(messages(certificateExpiry, [gone], { now: daysOn(3) })[0]).toMatch(/expired on/)
    const old = cert('old', 800)
    expect(messages(certificateExpiry, [old], { now: daysOn(400) })[0]).toMatch(/issued 400 days ago and not rotated since/)
  })
  it('passes a fresh certificate and an old CA', () => {
    expect(messages(certificateExpiry, [cert('fresh', 365)], { now: Date.now() })).toEqual([])
    expect(messages(certificateExpiry, [cert('ca', 3650, true)], { now: Date.now() + 400 * 86_400_000 })).toEqual([])
  })
})
