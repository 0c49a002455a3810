import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// No kubelet binary here: these fakes answer as pkg/kubelet/server/server.go does. Its auth filter
// runs on every path before routing: no credentials and anonymous off -> 401 "Unauthorized";
// anonymous on but the authorizer (Webhook) denies -> 403 "Forbidden (user=…, verb=…, resource=nodes,
// subresource=proxy)"; AlwaysAllow -> the handler. /exec without stdin/stdout/stderr -> 400 from
// remotecommand option validation; /run is POST-only so a GET gets go-restful's 405.
type Auth = 'always-allow' | 'webhook-deny' | 'anonymous-off'

const POD_LIST = {
  kind: 'PodList', apiVersion: 'v1',
  items: [
    { metadata: { namespace: 'kube-system', name: 'kube-proxy-x' }, spec: { containers: [{ name: 'kube-proxy', securityContext: { privileged: true }, env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }] } },
    { metadata: { namespace: 'default', name: 'web' }, spec: { containers: [{ name: 'nginx' }] } },
  ],
}

function kubelet(auth: Auth) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (auth === 'anonymous-off') return req.headers.authorization === 'Bearer pod-token' && req.url === '/pods' ? send(res, 200, POD_LIST) : send(res, 401, 'Unauthorized\n')
    const path = req.url!.split('?')[0]!
    if (auth === 'webhook-deny') return send(res, 403, `Forbidden (user=system:anonymous, verb=${req.method === 'GET' ? 'get' : 'create'}, resource=nodes, subresource=proxy)`)
    if (path === '/pods' || path === '/runningpods/') return send(res, 200, POD_LIST)
    if (path === '/configz') return send(res, 200, { kubeletconfig: { authentication: { anonymous: { enabled: true } }, authorization: { mode: 'AlwaysAllow' } } })
    if (path.startsWith('/exec/')) return send(res, 400, 'you must specify at least 1 of stdin, stdout, stderr')
    if (path.startsWith('/run/')) return send(res, req.method === 'POST' ? 404 : 405, req.method === 'POST' ? 'pod does not exist' : '405: Method Not Allowed')
    send(res, 404, '404 page not found')
  }
}

function readOnly(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/pods') return send(res, 200, POD_LIST)
  send(res, 404, '404 page not found')
}

describe('kubelet scanner (fake kubelets answering as the real one)', () => {
  let open: Fake, deny: Fake, off: Fake, ro: Fake
  const methods: string[] = []
  beforeAll(async () => {
    open = await startFake((req, res) => (methods.push(`${req.method} ${req.url}`), kubelet('always-allow')(req, res)), { tls: true })
    deny = await startFake(kubelet('webhook-deny'), { tls: true })
    off = await startFake(kubelet('anonymous-off'), { tls: true })
    ro = await startFake(readOnly)
  })
  afterAll(async () => Promise.all([open, deny, off, ro].map((f) => f?.close())))

  test('anonymous 200 (AlwaysAllow): /pods, /runningpods/, /configz, /exec and /run are all reported, with GETs only', async () => {
    const report = await runScan([open.target], TEST_SCAN)
    const ids = report.findings.map((f) => f.checkId).sort()
    expect(ids).toEqual(['exposure.kubelet.anonymous-configz', 'exposure.kubelet.anonymous-exec', 'exposure.kubelet.anonymous-pods', 'exposure.kubelet.anonymous-run', 'exposure.kubelet.anonymous-running-pods'])
    const pods = report.findings.find((f) => f.checkId === 'exposure.kubelet.anonymous-pods')!
    expect(pods).toMatchObject({ severity: 'critical', controls: expect.arrayContaining(['cis:4.2.1', 'cis:4.2.2']), evidence: { status: 200, pods: 2, privileged: ['kube-system/kube-proxy-x/kube-proxy'] } })
    expect(JSON.stringify(report.findings)).not.toContain('hunter2')
    expect(methods.every((m) => m.startsWith('GET '))).toBe(true)
  })

  test('anonymous 403 (anonymous on, Webhook denies): medium, CIS 4.2.1 only, nothing else', async () => {
    const report = await runScan([deny.target], TEST_SCAN)
    expect(report.findings.map((f) => [f.checkId, f.severity])).toEqual([['exposure.kubelet.anonymous-auth', 'medium']])
    expect(report.findings[0]!.controls).toEqual(['cis:4.2.1', 'kube-hunter:KHV036'])
  })

  test('anonymous 401 (anonymous off): no finding', async () => {
    const report = await runScan([off.target], TEST_SCAN)
    expect(report.findings).toEqual([])
    expect(report.unprobed).toEqual([])
  })

  test('--from-pod: the pod token reads /pods where anonymous gets 401', async () => {
    const report = await runScan([off.target], { ...TEST_SCAN, fromPod: { metadataAddress: '127.0.0.1:1', token: 'pod-token' } })
    expect(report.findings.map((f) => [f.checkId, f.severity])).toEqual([['exposure.kubelet.pod-token-pods', 'high']])
  })

  test('read-only port: PodList without any auth is high, CIS 4.2.4, privileged containers counted', async () => {
    const report = await runScan([ro.target], TEST_SCAN)
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ checkId: 'exposure.kubelet.read-only-port', severity: 'high', controls: ['cis:4.2.4', 'kube-hunter:KHV052', 'kube-hunter:KHV044'] })
  })
})
