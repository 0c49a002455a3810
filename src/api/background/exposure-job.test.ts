import type { IncomingMessage, ServerResponse } from 'node:http'
import { expect, test } from 'vitest'
import { send, startFake, TEST_SCAN } from '../../../test/fixtures/exposure/fake-server.js'
import { AlertBus } from '../../alerting/bus.js'
import type { Alert } from '../../core/index.js'
import { openDuckDbStore } from '../../store/duckdb/store.js'
import { startExposureJob } from './exposure-job.js'

// A kubelet read-only port (10255) answers /pods to anyone, as pkg/kubelet/server does.
const readOnly = (req: IncomingMessage, res: ServerResponse): void => (req.url === '/pods' ? send(res, 200, { kind: 'PodList', items: [] }) : send(res, 404, 'not found'))

test('a scheduled scan stores its findings and alerts once on a newly exposed service', async () => {
  const fake = await startFake(readOnly)
  const store = await openDuckDbStore({ path: ':memory:' })
  const bus = new AlertBus()
  const streamed: Alert[] = []
  bus.subscribe((a) => streamed.push(a))
  try {
    const first = startExposureJob({ store, bus, targets: [fake.target], intervalMinutes: 60, cluster: 'prod', onError: (e) => { throw e }, scan: TEST_SCAN })
    await first.done
    first.stop()
    const findings = await store.queryFindings({})
    expect(findings.map((f) => [f.checkId, f.target, f.cluster])).toEqual([['exposure.kubelet.read-only-port', fake.target, 'prod']])
    const { alerts } = await store.queryAlerts({})
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ rule: { id: 'builtin:newly-exposed-service', source: 'builtin' }, severity: 'high', entity: { cluster: 'prod', resource: fake.target } })
    expect(streamed.map((a) => a.id)).toEqual([alerts[0]!.id])
    // The next scan finds the same exposure: stored again, no second alert.
    const second = startExposureJob({ store, bus, targets: [fake.target], intervalMinutes: 60, cluster: 'prod', onError: (e) => { throw e }, scan: TEST_SCAN })
    await second.done
    second.stop()
    expect((await store.queryAlerts({})).total).toBe(1)
  } finally {
    await fake.close()
    await store.close()
  }
})
