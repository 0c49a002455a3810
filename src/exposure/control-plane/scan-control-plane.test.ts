import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'
import { offHost } from './scan-control-plane.js'

// No scheduler or controller-manager binary here: these fakes answer as their secure serving does
// (k8s.io/apiserver filters): /healthz is in --authorization-always-allow-paths by default, /metrics,
// /debug/pprof/ and /configz need a token (401/403 as metav1.Status JSON) unless someone added them.
const STATUS_401 = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }
const SCHEDULER_METRICS = '# HELP scheduler_pending_pods Number of pending pods\n# TYPE scheduler_pending_pods gauge\nscheduler_pending_pods{queue="active"} 0\n'
const CM_METRICS = '# HELP node_collector_evictions_total Evictions\n# TYPE node_collector_evictions_total counter\nnode_collector_evictions_total 0\n'

function component(metrics: string, open: boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url === '/healthz') return send(res, 200, 'ok')
    if (!open) return send(res, 401, STATUS_401)
    if (req.url === '/metrics') return send(res, 200, metrics)
    if (req.url === '/debug/pprof/') return send(res, 200, '<html>/debug/pprof/<br>Types of profiles available: goroutine heap</html>')
    if (req.url === '/configz') return send(res, 200, { componentconfig: { leaderElection: {} } })
    send(res, 404, '404 page not found')
  }
}

describe('controller-manager and scheduler scanner (fakes answering as the real ones)', () => {
  let scheduler: Fake, cm: Fake, secure: Fake | undefined
  beforeAll(async () => {
    scheduler = await startFake(component(SCHEDULER_METRICS, true), { tls: true })
    cm = await startFake(component(CM_METRICS, true), { tls: true })
    // The real port on an unusual loopback address, so the port names the component.
    secure = await startFake(component(SCHEDULER_METRICS, false), { tls: true, host: '127.93.0.1', port: 10259 }).catch(() => undefined)
  })
  afterAll(async () => Promise.all([scheduler, cm, secure].map((f) => f?.close())))

  test('open scheduler: metrics, profiling (CIS 1.4.1) and configz without credentials', async () => {
    const report = await runScan([scheduler.target], TEST_SCAN)
    expect(report.endpoints[0]!.services).toEqual(['kube-scheduler'])
    expect(report.findings.map((f) => f.checkId).sort()).toEqual(['exposure.control-plane.configz-unauthenticated', 'exposure.control-plane.metrics-unauthenticated', 'exposure.control-plane.profiling-unauthenticated'])
    expect(report.findings.find((f) => f.checkId.endsWith('profiling-unauthenticated'))!.controls).toEqual(['cis:1.4.1'])
  })

  test('open controller-manager: profiling maps to CIS 1.3.2', async () => {
    const report = await runScan([cm.target], TEST_SCAN)
    expect(report.endpoints[0]!.services).toEqual(['kube-controller-manager'])
    expect(report.findings.find((f) => f.checkId.endsWith('profiling-unauthenticated'))!.controls).toEqual(['cis:1.3.2'])
  })

  test('secured scheduler on 10259: recognised, no finding', async () => {
    if (!secure) return console.warn('127.93.0.1:10259 busy; secured-scheduler case not run')
    const report = await runScan([secure.target], TEST_SCAN)
    expect(report.findings).toEqual([])
    expect(report.endpoints[0]!.services).toEqual(['kube-scheduler'])
  })

  test('bind address: reachable off loopback is a finding (CIS 1.3.7 / 1.4.2), loopback is not', () => {
    expect(offHost('10.0.0.5')).toBe(true)
    expect(offHost('127.0.0.1')).toBe(false)
    expect(offHost('::1')).toBe(false)
  })
})
