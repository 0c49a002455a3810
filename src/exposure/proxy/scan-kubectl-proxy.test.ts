import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// No kubectl here: this fake answers as kubectl proxy's FilterServer (k8s.io/kubectl/pkg/proxy):
// default --accept-hosts '^localhost$,^127\.0\.0\.1$,^\[::1\]$' matched against the Host header's
// host part (net.SplitHostPort, so a Host without a port never matches); a rejected request gets
// 403 "<h3>Unauthorized</h3>"; accepted ones are forwarded to the API server with kubectl's credentials.
const ACCEPT_HOSTS = [/^localhost$/, /^127\.0\.0\.1$/, /^\[::1\]$/]

function kubectlProxy(req: IncomingMessage, res: ServerResponse): void {
  const m = /^(.*):(\d+)$/.exec(req.headers.host ?? '')
  if (!m || !ACCEPT_HOSTS.some((re) => re.test(m[1]!))) return send(res, 403, '<h3>Unauthorized</h3>')
  if (req.url === '/api/v1') return send(res, 200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods' }] })
  send(res, 404, { kind: 'Status', code: 404 })
}

describe('kubectl proxy scanner (fake answering as kubectl proxy does)', () => {
  let proxy: Fake
  // 127.0.0.2: not in the default accept-hosts, as a remote address would not be.
  beforeAll(async () => void (proxy = await startFake(kubectlProxy, { host: '127.0.0.2' })))
  afterAll(async () => proxy?.close())

  test('exposed proxy: its Host filter is passed with Host: localhost:PORT, critical', async () => {
    const report = await runScan([proxy.target], TEST_SCAN)
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ checkId: 'exposure.proxy.kubectl-proxy-open', severity: 'critical', evidence: { hostFilterBypassed: true, status: 200 } })
    expect(report.endpoints[0]!.services).toEqual(['kubectl proxy'])
  })
})
