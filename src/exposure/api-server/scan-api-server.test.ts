import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// No API server binary here: these fakes answer as kube-apiserver does (k8s.io/apiserver
// responsewriters): 401 and 403 are metav1.Status JSON; /version is public through the default
// system:public-info-viewer binding; discovery (/api, /apis, /openapi/v2) belongs to
// system:discovery, bound to system:authenticated only since 1.14.
const VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' }
const status = (code: number, reason: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: reason.toLowerCase(), reason, code })
const LIST = { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'default' } }] }

type Mode = 'default' | 'anonymous-off' | 'wide-open' | 'token-only'

function apiServer(mode: Mode, token = 'pod-token') {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url!.split('?')[0]!
    const authed = req.headers.authorization === `Bearer ${token}`
    if (mode === 'anonymous-off' && !authed) return send(res, 401, status(401, 'Unauthorized'))
    if (path === '/version') return send(res, 200, VERSION)
    const open = mode === 'wide-open' || authed
    if (!open) return send(res, 403, status(403, 'Forbidden'))
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'] })
    if (path === '/apis') return send(res, 200, { kind: 'APIGroupList', groups: [] })
    if (path === '/openapi/v2') return send(res, 200, { swagger: '2.0' })
    if (path.endsWith('/namespaces') || path.endsWith('/pods') || path.endsWith('/clusterroles')) return send(res, 200, LIST)
    send(res, 404, status(404, 'NotFound'))
  }
}

describe('API server scanner (fake API servers answering as the real one)', () => {
  let def: Fake, off: Fake, wide: Fake, insecure: Fake, tokenOnly: Fake
  beforeAll(async () => {
    def = await startFake(apiServer('default'), { tls: true })
    off = await startFake(apiServer('anonymous-off'), { tls: true })
    wide = await startFake(apiServer('wide-open'), { tls: true })
    insecure = await startFake(apiServer('wide-open'))
    tokenOnly = await startFake(apiServer('anonymous-off'), { tls: true })
  })
  afterAll(async () => Promise.all([def, off, wide, insecure, tokenOnly].map((f) => f?.close())))

  test('default install: version disclosed (info) and anonymous auth on (low, CIS 1.2.1), nothing listed', async () => {
    const report = await runScan([def.target], TEST_SCAN)
    expect(report.findings.map((f) => [f.checkId, f.severity])).toEqual([['exposure.api-server.anonymous-auth', 'low'], ['exposure.api-server.version-disclosed', 'info']])
    expect(report.findings[0]!.controls).toEqual(['cis:1.2.1'])
    expect(report.endpoints[0]!.services).toEqual(['kube-apiserver'])
  })

  test('anonymous off: recognised from its 401 Status, no finding', async () => {
    const report = await runScan([off.target], TEST_SCAN)
    expect(report.findings).toEqual([])
    expect(report.endpoints[0]!.services).toEqual(['kube-apiserver'])
  })

  test('anonymous discovery (/api, /apis, /openapi/v2) and anonymous list', async () => {
    const report = await runScan([wide.target], TEST_SCAN)
    const discovery = report.findings.find((f) => f.checkId === 'exposure.api-server.anonymous-discovery')
    expect(discovery?.evidence).toMatchObject({ paths: ['/api', '/apis', '/openapi/v2'] })
    expect(report.findings.find((f) => f.checkId === 'exposure.api-server.anonymous-list')).toMatchObject({ severity: 'critical', evidence: { listed: ['namespaces', 'pods', 'clusterroles'] } })
  })

  test('insecure port (plain HTTP API): critical', async () => {
    const report = await runScan([insecure.target], TEST_SCAN)
    expect(report.findings.find((f) => f.checkId === 'exposure.api-server.insecure-port')).toMatchObject({ severity: 'critical', evidence: { request: `GET http://${insecure.target}/api`, status: 200 } })
  })

  test('--from-pod: the pod token lists what anonymous cannot', async () => {
    const report = await runScan([tokenOnly.target], { ...TEST_SCAN, fromPod: { metadataAddress: '127.0.0.1:1', token: 'pod-token' } })
    expect(report.findings.map((f) => f.checkId)).toEqual(['exposure.api-server.pod-token-list'])
    expect(JSON.stringify(report.findings)).not.toContain('pod-token"')
  })
})
