import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Finding } from '../core/index.js'
import type { Store } from '../store/store.js'
import { send, startFake, TEST_SCAN, type Fake } from '../../test/fixtures/exposure/fake-server.js'
import { runScheduledScan } from './schedule.js'

// The scheduled scan uses three Store methods; a map-backed stand-in keeps this test about the diff.
function memoryStore(): Store & { findings: Finding[] } {
  const cursors = new Map<string, string>()
  const findings: Finding[] = []
  return {
    findings,
    appendFindings: async (f: Finding[]) => void findings.push(...f),
    getCursor: async (name: string) => cursors.get(name),
    setCursor: async (name: string, value: string) => void cursors.set(name, value),
  } as unknown as Store & { findings: Finding[] }
}

const cadvisor = () => startFake((req, res) => (req.url === '/api/v2.0/machine' ? send(res, 200, { num_cores: 1, machine_id: 'm' }) : send(res, 404, 'no')))

describe('scheduled scan', () => {
  let a: Fake, b: Fake
  beforeAll(async () => {
    a = await cadvisor()
    b = await cadvisor()
  })
  afterAll(async () => Promise.all([a.close(), b.close()]))

  test('stores every finding and returns only the newly exposed ones', async () => {
    const store = memoryStore()
    const now = () => new Date('2026-03-01T10:00:00Z')
    const first = await runScheduledScan(store, [a.target], { ...TEST_SCAN, cluster: 'prod', now })
    expect(first.newlyExposed.map((f) => f.target)).toEqual([a.target])
    expect(store.findings[0]).toMatchObject({ cluster: 'prod', time: '2026-03-01T10:00:00.000Z', checkId: 'exposure.cadvisor.unauthenticated' })
    const second = await runScheduledScan(store, [a.target], { ...TEST_SCAN, now })
    expect(second.newlyExposed).toEqual([])
    const third = await runScheduledScan(store, [a.target, b.target], { ...TEST_SCAN, now })
    expect(third.newlyExposed.map((f) => f.target)).toEqual([b.target])
    expect(store.findings).toHaveLength(4)
  })
})
