import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// No cAdvisor here: the fakes answer as google/cadvisor's REST API (/api/v2.0/machine returns
// MachineInfo with num_cores and machine_id) and its Prometheus endpoint (cadvisor_version_info).
describe('cAdvisor scanner (fakes answering as cAdvisor)', () => {
  let api: Fake, metrics: Fake
  beforeAll(async () => {
    api = await startFake((req, res) => (req.url === '/api/v2.0/machine' ? send(res, 200, { num_cores: 4, machine_id: 'abc', memory_capacity: 1 }) : send(res, 404, 'not found')))
    metrics = await startFake((req, res) => (req.url === '/metrics' ? send(res, 200, 'cadvisor_version_info{cadvisorRevision="x",cadvisorVersion="v0.49.1"} 1\n') : send(res, 404, 'not found')))
  })
  afterAll(async () => Promise.all([api, metrics].map((f) => f?.close())))

  test('REST API or metrics without auth: medium', async () => {
    const report = await runScan([api.target, metrics.target], TEST_SCAN)
    expect(report.findings.map((f) => [f.target, f.checkId, f.severity])).toEqual([
      [api.target, 'exposure.cadvisor.unauthenticated', 'medium'],
      [metrics.target, 'exposure.cadvisor.unauthenticated', 'medium'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!, 'en', { numeric: true })))
  })
})
