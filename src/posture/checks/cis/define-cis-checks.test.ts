import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPosture } from '../../runner.js'
import type { KubeObject } from '../../types.js'
import { cisChecks } from './define-cis-checks.js'
import { parseCisDefinitions } from './definitions.js'

// Our own definitions, as the CLI loads them.
const { benchmark: cis, problems } = parseCisDefinitions(readFileSync(path.resolve(process.cwd(), 'content/cis/cis-1.12.yaml'), 'utf8'), 'cis-1.12.yaml')

const staticPod = (name: string, command: string[], env: Array<{ name: string; value: string }> = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${name}-cp1`, namespace: 'kube-system', labels: { component: name, tier: 'control-plane' } },
  spec: { hostNetwork: true, containers: [{ name, image: `registry.k8s.io/${name}:v1.34.0`, command, env }] },
})

// A kubeadm-style API server hardened the way CIS 1.2 asks.
const hardenedApiServer = staticPod('kube-apiserver', [
  'kube-apiserver', '--advertise-address=10.0.0.10', '--allow-privileged=true', '--anonymous-auth=false',
  '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key', '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--profiling=false', '--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100', '--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-extend-token-expiration=false',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
])

const failedIds = (objects: KubeObject[]) =>
  runPosture(objects, { cis, levels: ['baseline'], checks: [] }).findings.filter((f) => f.checkId.startsWith('cis.')).map((f) => f.checkId.replace('cis.', ''))

describe('CIS checks from our cis-1.12 definitions', () => {
  it('loads every definition and builds checks for the decidable ones, none for manual or policy ones', () => {
    expect(problems).toEqual([])
    expect(cis.checks).toHaveLength(131)
    const ids = cisChecks(cis).map((c) => c.id.replace('cis.', ''))
    expect(ids).toEqual(expect.arrayContaining(['1.1.1', '1.2.1', '1.2.2', '1.2.6', '1.2.28', '1.3.2', '1.4.1', '2.1', '2.6', '4.1.1', '4.2.1', '4.3.1']))
    expect(ids).not.toContain('1.2.20')
    expect(ids).not.toContain('5.1.1')
  })

  it('passes a hardened API server and fails the recommendations an insecure one breaks', () => {
    // Unscored recommendations (1.2.1, 1.2.3, 1.2.9, …) are reported too, as kube-bench WARNs them.
    expect(failedIds([hardenedApiServer]).sort()).toEqual(['1.2.11', '1.2.27', '1.2.29', '1.2.3', '1.2.9', '3.2.1'])
    const insecure = staticPod('kube-apiserver', ['kube-apiserver', '--authorization-mode=AlwaysAllow', '--token-auth-file=/etc/tokens.csv', '--profiling=true'])
    expect(failedIds([insecure])).toEqual(expect.arrayContaining(['1.2.2', '1.2.6', '1.2.7', '1.2.8', '1.2.15', '1.2.16']))
  })

  it('reads etcd flags and ETCD_* environment variables', () => {
    const flags = staticPod('etcd', ['etcd', '--cert-file=/pki/server.crt', '--key-file=/pki/server.key', '--client-cert-auth=true', '--peer-cert-file=/pki/peer.crt', '--peer-key-file=/pki/peer.key', '--peer-client-cert-auth=true'])
    expect(failedIds([flags])).toEqual(['2.7'])
    const env = staticPod('etcd', ['etcd', '--auto-tls=true'], [{ name: 'ETCD_CERT_FILE', value: '/pki/server.crt' }, { name: 'ETCD_KEY_FILE', value: '/pki/server.key' }])
    expect(failedIds([env])).toEqual(expect.arrayContaining(['2.2', '2.3', '2.4', '2.5']))
    expect(failedIds([env])).not.toContain('2.1')
  })

  it('checks controller manager and scheduler, and ignores pods that are not control-plane components', () => {
    const cm = staticPod('kube-controller-manager', ['kube-controller-manager', '--profiling=true', '--bind-address=0.0.0.0', '--use-service-account-credentials=true', '--service-account-private-key-file=/pki/sa.key', '--root-ca-file=/pki/ca.crt'])
    expect(failedIds([cm]).sort()).toEqual(['1.3.1', '1.3.2', '1.3.7'])
    const scheduler = staticPod('kube-scheduler', ['kube-scheduler', '--profiling=false', '--bind-address=127.0.0.1'])
    expect(failedIds([scheduler])).toEqual([])
    expect(failedIds([staticPod('nginx', ['nginx', '-g', 'daemon off;'])])).toEqual([])
  })

  it('checks a KubeletConfiguration against the 4.2.x config recommendations', () => {
    const kubelet: KubeObject = {
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      metadata: { name: 'node-1' },
      authentication: { anonymous: { enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
      authorization: { mode: 'Webhook' },
      readOnlyPort: 10255,
      makeIPTablesUtilChains: false,
    }
    const [finding] = runPosture([kubelet], { cis, levels: ['baseline'], checks: [] }).findings.filter((f) => f.checkId === 'cis.4.2.1')
    expect(finding).toMatchObject({ controls: ['cis:4.2.1'], severity: 'critical', evidence: { paths: ['/authentication/anonymous/enabled'], state: 'FAIL', settings: ['--anonymous-auth'] } })
    expect(finding.message).toContain("expected '{.authentication.anonymous.enabled}' is equal to 'false'")
    expect(failedIds([kubelet])).toContain('4.2.6')
    expect(failedIds([kubelet])).not.toContain('4.2.2')
  })
})
