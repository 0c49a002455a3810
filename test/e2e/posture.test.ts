import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fakeNode } from '../fixtures/fake-node.js'
import { CONFORMANCE, runCli, runCliAsync, tempDataDir } from './helpers.js'

const PSS = join(CONFORMANCE, 'pss')
const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>)

// A `kubectl get -A -o json` style dump: Deployment -> ReplicaSet -> Pod, a namespace, an RBAC grant.
const dump = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', securityContext: { privileged: true } }] } } },
    },
    {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'shop', uid: 'r1', ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] },
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', securityContext: { privileged: true } }] } } },
    },
    {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-x', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', uid: 'r1', controller: true }] },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', securityContext: { privileged: true } }] },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: 'ci' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'ci-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
    },
  ],
}

function writeDump(): string {
  const file = join(tempDataDir('kubesiem-posture-'), 'dump.json')
  writeFileSync(file, JSON.stringify(dump, null, 2))
  return file
}

describe('kubesiem posture (the built CLI)', () => {
  test('--format json over the PSS fixtures: contract fields, every fail fixture reported under its check', () => {
    // One run per level folder: both folders hold pods of the same names, which in one cluster would be the same pod.
    const runs = ['baseline', 'restricted'].map((level) => runCli(['posture', join(PSS, level), '--format', 'json']))
    const run = runs[0]
    for (const r of runs) expect(r.status, r.stderr).toBe(0)
    const findings = runs.flatMap((r) => lines(r.stdout))
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['checkId', 'controls', 'severity', 'resource', 'message', 'remediation', 'evidence']))
      expect(Object.keys(f.resource)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'name']))
      for (const c of f.controls) expect(c).toMatch(/^(pss:(baseline|restricted|admission):[\w-]+|cis:\d+(\.\d+)*|rbac:[\w-]+|polaris:\w+|kubesiem:[\w-]+)$/)
    }
    const manifest = JSON.parse(readFileSync(join(PSS, 'manifest.json'), 'utf8')) as { checks: Record<string, { level: string }>; files: Array<{ path: string; expect: string; fixtureCheckId: string; reportedByCheckAtThisLevel?: string }> }
    const missing = manifest.files
      .filter((file) => file.expect === 'denied')
      .filter((file) => {
        const checkId = file.reportedByCheckAtThisLevel ?? file.fixtureCheckId
        const control = `pss:${manifest.checks[checkId].level}:${checkId}`
        return !findings.some((f) => f.controls.includes(control) && f.evidence.origin.file.endsWith(file.path))
      })
    expect(missing.map((f) => f.path)).toEqual([])
    expect(run.stderr).toMatch(/^\d+ objects read, 0 problems$/m)
    expect(run.stderr).toMatch(/^\d+ findings \(critical \d+, high \d+, medium \d+, low \d+, info \d+\)$/m)
    expect(run.stderr).toMatch(/^score: cluster default \d+\/100$/m)
  })

  test('a kubectl dump: the Deployment is judged once, RBAC paths named, scores per namespace', () => {
    const run = runCli(['posture', writeDump(), '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    const findings = lines(run.stdout)
    const privileged = findings.filter((f) => f.checkId === 'pss.baseline.privileged')
    expect(privileged.map((f) => f.resource)).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }])
    expect(privileged[0]).toMatchObject({ severity: 'critical', controls: expect.arrayContaining(['pss:baseline:privileged']), evidence: { paths: ['/spec/template/spec/containers/0/securityContext/privileged'] } })
    const admin = findings.find((f) => f.checkId.includes('cluster-admin'))
    expect(admin?.evidence).toMatchObject({ subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }], grants: [{ binding: { kind: 'ClusterRoleBinding', name: 'ci-admin' }, role: { name: 'cluster-admin' } }] })
    expect(run.stderr).toMatch(/namespaces: .*shop \d+/)
  })

  test('bad input: tabs and duplicate keys reported with file:line, the rest still checked; table output', () => {
    const file = join(tempDataDir('kubesiem-posture-'), 'mixed.yaml')
    writeFileSync(file, ['apiVersion: v1', 'kind: Pod', 'metadata:', '\tname: tabbed', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: dup, name: again}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: ok}', 'spec: {hostPID: true, containers: [{name: a, image: a}]}', ''].join('\n'))
    const run = runCli(['posture', file])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/mixed\.yaml:4(:\d+)?: error KUBESIEM_POSTURE_YAML_SYNTAX/)
    expect(run.stderr).toMatch(/mixed\.yaml:8(:\d+)?: error KUBESIEM_POSTURE_DUPLICATE_KEY/)
    expect(run.stdout).toMatch(/^SEVERITY\s+CHECK\s+RESOURCE\s+MESSAGE/)
    expect(run.stdout).toContain('pss.baseline.hostNamespaces')
  })

  test('an exceptions file accepts findings with a reason until it expires', () => {
    const dir = tempDataDir('kubesiem-posture-')
    const exceptions = join(dir, 'exceptions.yaml')
    writeFileSync(exceptions, '- checkId: pss.baseline.privileged\n  resource: {namespace: shop, name: web}\n  reason: vendor appliance\n  expires: 2999-01-01\n- checkId: rbac.cluster-admin\n  reason: old\n  expires: 2001-01-01\n')
    const run = runCli(['posture', writeDump(), '--format', 'json', '--exceptions', exceptions])
    expect(run.status, run.stderr).toBe(0)
    expect(lines(run.stdout).some((f) => f.checkId === 'pss.baseline.privileged')).toBe(false)
    expect(run.stderr).toMatch(/, 1 accepted by exceptions/)
    expect(run.stderr).toContain('exception for rbac.cluster-admin expired on 2001-01-01')
    const missing = runCli(['posture', writeDump(), '--exceptions', join(dir, 'nope.yaml')])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('nope.yaml: bad exception: cannot read the exceptions file: ENOENT')
  })

  test('sarif, junit and html formats', () => {
    const file = writeDump()
    const sarif = JSON.parse(runCli(['posture', file, '--format', 'sarif']).stdout)
    expect(sarif.runs[0].results.length).toBeGreaterThan(0)
    expect(runCli(['posture', file, '--format', 'junit']).stdout).toMatch(/^<\?xml[^]*<testsuites name="kubesiem posture"/)
    expect(runCli(['posture', file, '--format', 'html']).stdout).toContain('<title>kubesiem posture</title>')
    expect(runCli(['posture', file, '--format', 'xml']).status).toBe(2)
  })

  test('a kubeconfig that points nowhere: a clear message and exit 2', () => {
    const kubeconfig = join(tempDataDir('kubesiem-posture-'), 'kubeconfig')
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: nowhere, context: {cluster: c, user: u}}]\ncurrent-context: nowhere\n')
    for (const args of [['posture', '--kubeconfig', kubeconfig], ['collect', '--kubeconfig', kubeconfig, '--out', join(tempDataDir(), 'x.json')], ['rbac', 'who-can', 'get', 'secrets', '--kubeconfig', kubeconfig]]) {
      const run = runCli(args)
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('kubesiem: cannot reach the cluster at https://127.0.0.1:1 (context "nowhere"): connection refused')
    }
    expect(runCli(['posture']).stderr).toContain('posture needs PATH...')
  })
})

describe('kubesiem posture: CIS (the built CLI)', () => {
  test('a kubeadm static Pod is checked against our CIS definitions; controls are cis:<id>', () => {
    const file = join(tempDataDir('kubesiem-cis-'), 'kube-apiserver.yaml')
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.34.1\n    command: [kube-apiserver, --anonymous-auth=true, --authorization-mode=AlwaysAllow, --profiling=false]\n')
    const run = runCli(['posture', file, '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    const cis = lines(run.stdout).filter((f) => f.checkId.startsWith('cis.'))
    expect(cis.find((f) => f.checkId === 'cis.1.2.1')).toMatchObject({ controls: ['cis:1.2.1'], severity: 'high', resource: { kind: 'Pod', name: 'kube-apiserver' }, evidence: { state: 'WARN', settings: ['--anonymous-auth'], paths: ['/spec/containers/0/command'] } })
    expect(cis.find((f) => f.checkId === 'cis.1.2.6')).toMatchObject({ severity: 'critical', evidence: { state: 'FAIL' } })
    expect(cis.some((f) => f.checkId === 'cis.1.2.15')).toBe(false)
    expect(run.stderr).toMatch(/CIS checks could not be decided/)
    expect(run.stderr).toMatch(/1\.3\.1 .*: no kube-controller-manager static Pod or process in the input/)
  })

  test('--node reads file modes, owners, the kubelet process and its config under --node-root; --undecided lists the rest', () => {
    const root = fakeNode()
    const run = runCli(['posture', '--node', '--node-root', root, '--format', 'json', '--undecided'])
    expect(run.status, run.stderr).toBe(0)
    const byId = new Map(lines(run.stdout).map((f) => [f.checkId, f]))
    expect(byId.get('cis.1.1.1')).toMatchObject({ controls: ['cis:1.1.1'], evidence: { state: 'FAIL', files: ['/etc/kubernetes/manifests/kube-apiserver.yaml 644 root:root'] } })
    expect(byId.has('cis.1.1.2')).toBe(false)
    expect(byId.get('cis.1.1.21')).toMatchObject({ evidence: { state: 'WARN' } })
    expect(byId.get('cis.4.2.1')).toMatchObject({ severity: 'critical', evidence: { process: 'kubelet', config: '/var/lib/kubelet/config.yaml' } })
    expect(byId.get('cis.4.2.7')).toMatchObject({ evidence: { state: 'WARN' } })
    expect(byId.get('cis.1.2.1')).toMatchObject({ severity: 'info', evidence: { state: 'UNDECIDED' } })
  })
})

describe('kubesiem posture --pki (the built CLI)', () => {
  test('reports a certificate that expires soon, and refuses a --pki that is not a folder', () => {
    const dir = tempDataDir('kubesiem-pki-')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'apiserver.key'), '-out', join(dir, 'apiserver.crt'), '-days', '5', '-subj', '/CN=kube-apiserver'], { stdio: 'ignore' })
    const run = runCli(['posture', '--pki', dir, '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    const [finding] = lines(run.stdout).filter((f) => f.checkId === 'hardening.pki.certificate-expiry')
    expect(finding).toMatchObject({ severity: 'high', resource: { kind: 'CertificateFile' }, evidence: { subject: 'CN=kube-apiserver' } })
    expect(finding.message).toMatch(/apiserver\.crt \(CN=kube-apiserver\) expires in [45] days/)
    expect(run.stdout).not.toContain('PRIVATE KEY')
    expect(runCli(['posture', '--pki', join(dir, 'apiserver.crt')]).stderr).toContain('is not a folder')
  })
})

describe('kubesiem rbac and collect (the built CLI)', () => {
  test('who-can names the subject and the binding -> role -> rule path; can lists the rules', () => {
    const file = writeDump()
    const who = runCli(['rbac', 'who-can', 'create', 'pods/exec', '-n', 'shop', file, '--format', 'json'])
    expect(who.status, who.stderr).toBe(0)
    expect(lines(who.stdout)).toContainEqual(expect.objectContaining({ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci', scope: 'cluster-wide', via: expect.stringContaining('ClusterRoleBinding/ci-admin -> ClusterRole/cluster-admin') }))
    const can = runCli(['rbac', 'can', 'system:serviceaccount:ci:deployer', file])
    expect(can.status, can.stderr).toBe(0)
    expect(can.stdout).toMatch(/^RESOURCES\s+NONRESOURCEURLS\s+RESOURCENAMES\s+VERBS\s+VIA/)
    expect(can.stdout).toContain('ClusterRoleBinding/ci-admin')
    expect(runCli(['rbac', 'can', 'ServiceAccount:broken', file]).stderr).toContain('unknown subject "ServiceAccount:broken"')
  })

  test('collect writes a kind: List that posture reads offline', async () => {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      const body = path === '/version' ? { gitVersion: 'v1.34.1' } : path === '/apis/apps/v1/deployments' ? { items: [dump.items[1]] } : { items: [] }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const dir = tempDataDir('kubesiem-collect-')
      const kubeconfig = join(dir, 'kubeconfig')
      writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${(server.address() as AddressInfo).port}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n`)
      const out = join(dir, 'snapshot.json')
      const run = await runCliAsync(['collect', '--kubeconfig', kubeconfig, '--out', out])
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toMatch(/wrote 2 objects from http:\/\/127\.0\.0\.1:\d+ \(context "lab"\)/)
      const posture = runCli(['posture', out, '--format', 'json'])
      expect(lines(posture.stdout).some((f) => f.checkId === 'pss.baseline.privileged' && f.resource.kind === 'Deployment')).toBe(true)
      // The same read, live: findings name the context as their cluster, and live objects carry no file location.
      const live = await runCliAsync(['posture', '--kubeconfig', kubeconfig, '--format', 'json'])
      expect(live.status, live.stderr).toBe(0)
      const privileged = lines(live.stdout).find((f) => f.checkId === 'pss.baseline.privileged')
      expect(privileged).toMatchObject({ cluster: 'lab', resource: { kind: 'Deployment', name: 'web' }, evidence: { origin: { file: 'cluster:lab', line: 0 } } })
      expect(live.stderr).toMatch(/^score: cluster lab \d+\/100$/m)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
