import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTestPki } from '../../../test/fixtures/exposure/certs.js'
import { ETCD_BIN, ETCDCTL_BIN, enablePasswordAuth, etcdHost, putKey, startEtcd, type TestEtcd } from '../../../test/fixtures/exposure/etcd.js'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// Real etcd from Debian's etcd-server (etcdctl from etcd-client). In CI a missing binary fails
// the suite; locally it is skipped with a reason.
const inCi = process.env.CI === 'true'
const missing = !ETCD_BIN || !ETCDCTL_BIN
if (missing && !inCi) console.warn('skipping real-etcd tests: /usr/bin/etcd or etcdctl not found (apt-get install etcd-server etcd-client)')

describe.skipIf(missing && !inCi)('etcd scanner against real etcd', () => {
  let open: TestEtcd, tls: TestEtcd, password: TestEtcd, serverTls: TestEtcd, web: Fake, webJson: Fake
  beforeAll(async () => {
    if (missing) throw new Error('etcd is not installed but CI=true: install the apt packages etcd-server and etcd-client')
    const [tlsHost, serverTlsHost] = [etcdHost(), etcdHost()]
    const pki = makeTestPki([tlsHost, serverTlsHost])
    ;[open, tls, password, serverTls] = await Promise.all([startEtcd({}), startEtcd({ pki, host: tlsHost }), startEtcd({}), startEtcd({ pki, host: serverTlsHost, clientCertAuth: false })])
    await putKey(serverTls.host, serverTls.client, '/registry/secrets/kube-system/token', 'hunter2', true)
    await putKey(open.host, open.client, '/registry/secrets/default/db-password', 'hunter2')
    await putKey(password.host, password.client, '/registry/secrets/default/db-password', 'hunter2')
    enablePasswordAuth(password.host, password.client, 'not-a-real-password')
    // Plain web servers beside them: one answers everything with 200, one JSON on /version.
    web = await startFake((_req, res) => send(res, 200, '<html>hello</html>'))
    webJson = await startFake((req, res) => send(res, 200, req.url === '/version' ? { version: '1.0.0', server: 'nginx' } : { ok: true }))
  })
  afterAll(async () => {
    await Promise.all([open?.stop(), tls?.stop(), password?.stop(), serverTls?.stop(), web?.close(), webJson?.close()])
  })

  test('unauthenticated etcd: critical, with readable /registry/ keys as evidence and values never read', async () => {
    const report = await runScan([`${open.host}:${open.client}`], TEST_SCAN)
    const read = report.findings.find((f) => f.checkId === 'exposure.etcd.unauthenticated-kv-read')
    expect(read).toMatchObject({ severity: 'critical', target: `${open.host}:${open.client}`, controls: expect.arrayContaining(['cis:2.2']) })
    expect(read?.evidence).toMatchObject({ request: `POST http://${open.host}:${open.client}/v3/kv/range`, status: 200, keys: ['/registry/secrets/default/db-password'] })
    expect(JSON.stringify(read)).not.toContain(Buffer.from('hunter2').toString('base64'))
    expect(report.findings.map((f) => f.checkId)).toEqual(expect.arrayContaining(['exposure.etcd.plain-http', 'exposure.etcd.version-disclosed']))
  })

  test('peer and metrics listeners are reported as what they are', async () => {
    const report = await runScan([`${open.host}:${open.peer}`, `${open.host}:${open.metrics}`], TEST_SCAN)
    expect(report.findings.filter((f) => f.target === `${open.host}:${open.peer}`).map((f) => f.checkId)).toContain('exposure.etcd.peer-api-open')
    expect(report.findings.filter((f) => f.target === `${open.host}:${open.metrics}`).map((f) => f.checkId)).toEqual(['exposure.etcd.metrics-open'])
  })

  test('client-certificate etcd: reachable but closed; the certificate and acceptable CAs are recorded', async () => {
    const report = await runScan([`${tls.host}:${tls.client}`], TEST_SCAN)
    expect(report.findings.map((f) => f.checkId)).toEqual(['exposure.etcd.client-cert-required'])
    expect(report.findings[0]).toMatchObject({ severity: 'info', evidence: { tls: { subject: 'CN=etcd-server', issuer: 'CN=etcd-ca', acceptableCAs: ['CN=etcd-ca'] } } })
    expect(report.endpoints[0]?.services).toEqual(['etcd (client certificate required)'])
  })

  test('TLS etcd without --client-cert-auth: still critical, with the certificate it shows', async () => {
    const report = await runScan([`${serverTls.host}:${serverTls.client}`], TEST_SCAN)
    const read = report.findings.find((f) => f.checkId === 'exposure.etcd.unauthenticated-kv-read')
    expect(read).toMatchObject({ severity: 'critical', evidence: { request: `POST https://${serverTls.host}:${serverTls.client}/v3/kv/range`, keys: ['/registry/secrets/kube-system/token'], tls: { subject: 'CN=etcd-server', issuer: 'CN=etcd-ca', acceptableCAs: [] } } })
    expect(report.findings.map((f) => f.checkId)).not.toContain('exposure.etcd.plain-http')
  })

  test('password-auth etcd: keys closed, password auth over plain HTTP and /version open', async () => {
    const report = await runScan([`${password.host}:${password.client}`], TEST_SCAN)
    const ids = report.findings.map((f) => f.checkId)
    expect(ids).toEqual(expect.arrayContaining(['exposure.etcd.password-auth', 'exposure.etcd.version-disclosed', 'exposure.etcd.plain-http']))
    expect(ids).not.toContain('exposure.etcd.unauthenticated-kv-read')
    expect(report.findings.find((f) => f.checkId === 'exposure.etcd.password-auth')?.evidence).toMatchObject({ status: 400, bodyPrefix: expect.stringContaining('user name is empty') })
  })

  test('a plain web server beside them is not called etcd', async () => {
    const report = await runScan([web.target, webJson.target], TEST_SCAN)
    expect(report.findings).toEqual([])
    expect(report.endpoints.flatMap((e) => e.services)).toEqual([])
  })
})
