import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { KubeEvent } from '../core/index.js'
import type { Store } from './store.js'

/** Build a normalized event for the suite; only what a test names differs. */
export function sampleEvent(overrides: Partial<KubeEvent> & { id: string }): KubeEvent {
  return {
    time: '2026-03-01T10:00:00.000Z',
    source: 'k8s-audit',
    cluster: 'test',
    stage: 'ResponseComplete',
    verb: 'get',
    user: { name: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.1'],
    userAgent: 'kubectl/v1.31.0',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1' },
    responseCode: 200,
    requestURI: '/api/v1/namespaces/default/pods/web',
    payload: { kind: 'Event', auditID: overrides.id, note: 'hello payload' },
    ...overrides,
  }
}

export interface StoreSuiteOptions {
  newStore: () => Promise<Store>
  /** Tests a backend cannot pass yet, each with the reason. */
  skip?: { reason: string; tests: string[] }[]
}

/**
 * The conformance suite every Store backend must pass.
 * @example runStoreTests({ newStore: () => openDuckDbStore({ path: ':memory:' }) })
 */
export function runStoreTests({ newStore, skip = [] }: StoreSuiteOptions): void {
  const skipped = new Set(skip.flatMap((s) => s.tests))
  const it = (name: string, fn: () => Promise<void>): void => (skipped.has(name) ? test.skip(name, fn) : test(name, fn))
  let store: Store

  beforeEach(async () => {
    store = await newStore()
  })
  afterEach(async () => {
    await store.close()
  })

  describe('events', () => {
    it('appends and reads back every envelope field and the payload', async () => {
      const event = sampleEvent({ id: 'a1', impersonatedUser: { name: 'bob', groups: [] }, decision: 'allow', reason: 'RBAC', payload: { kind: 'Event', impersonatedUser: { username: 'bob' }, x: [1, 2] } })
      expect(await store.appendEvents([event])).toEqual({ stored: 1, duplicates: 0, storedKeys: new Set(['a1/ResponseComplete']) })
      const page = await store.queryEvents({})
      expect(page.total).toBe(1)
      const got = page.events[0]!
      expect(got.id).toBe('a1')
      expect(got.time).toBe(event.time)
      expect(got.user).toEqual({ name: 'alice', groups: ['system:authenticated'], uid: undefined })
      expect(got.impersonatedUser?.name).toBe('bob')
      expect(got.objectRef).toMatchObject({ resource: 'pods', namespace: 'default', name: 'web' })
      expect(got.sourceIPs).toEqual(['10.0.0.1'])
      expect(got.responseCode).toBe(200)
      expect(got.decision).toBe('allow')
      expect(got.payload).toEqual(event.payload)
    })

    it('dedups on (id, stage) within a batch and across batches', async () => {
      const a = sampleEvent({ id: 'd1' })
      const b = sampleEvent({ id: 'd1', stage: 'RequestReceived' })
      expect(await store.appendEvents([a, a, b])).toMatchObject({ stored: 2, duplicates: 1, storedKeys: new Set(['d1/ResponseComplete', 'd1/RequestReceived']) })
      expect(await store.appendEvents([a, b])).toMatchObject({ stored: 0, duplicates: 2, storedKeys: new Set() })
      expect(await store.countEvents()).toBe(2)
    })

    it('filters by every field, free text and time range, newest first', async () => {
      await store.appendEvents([
        sampleEvent({ id: 'f1', time: '2026-03-01T10:00:00.000Z', verb: 'create', cluster: 'prod' }),
        sampleEvent({ id: 'f2', time: '2026-03-01T11:00:00.000Z', user: { name: 'bob', groups: [] }, sourceIPs: ['192.0.2.9'] }),
        sampleEvent({ id: 'f3', time: '2026-03-01T12:00:00.000Z', objectRef: { resource: 'secrets', namespace: 'kube-system', name: 'tok' }, responseCode: 403, payload: { needle: 'Findme' } }),
      ])
      const ids = async (q: object): Promise<string[]> => (await store.queryEvents(q)).events.map((e) => e.id)
      expect(await ids({})).toEqual(['f3', 'f2', 'f1'])
      expect(await ids({ verb: 'create' })).toEqual(['f1'])
      expect(await ids({ cluster: 'prod' })).toEqual(['f1'])
      expect(await ids({ user: 'bob' })).toEqual(['f2'])
      expect(await ids({ resource: 'secrets' })).toEqual(['f3'])
      expect(await ids({ namespace: 'kube-system' })).toEqual(['f3'])
      expect(await ids({ name: 'tok' })).toEqual(['f3'])
      expect(await ids({ sourceIP: '192.0.2.9' })).toEqual(['f2'])
      expect(await ids({ responseCode: 403 })).toEqual(['f3'])
      expect(await ids({ text: 'findME' })).toEqual(['f3'])
      expect(await ids({ from: '2026-03-01T10:30:00Z', to: '2026-03-01T12:00:00Z' })).toEqual(['f2'])
      expect(await ids({ limit: 1, offset: 1 })).toEqual(['f2'])
      expect((await store.queryEvents({ limit: 1 })).total).toBe(3)
    })

    it('counts per time bucket by verb, user, namespace and resource', async () => {
      await store.appendEvents([
        sampleEvent({ id: 's1', time: '2026-03-01T10:05:00.000Z' }),
        sampleEvent({ id: 's2', time: '2026-03-01T10:10:00.000Z', verb: 'list' }),
        sampleEvent({ id: 's3', time: '2026-03-01T11:10:00.000Z', user: { name: 'bob', groups: [] } }),
      ])
      const buckets = await store.stats({ bucketSeconds: 3600 })
      expect(buckets.map((b) => [b.start, b.total])).toEqual([['2026-03-01T10:00:00.000Z', 2], ['2026-03-01T11:00:00.000Z', 1]])
      expect(buckets[0]!.byVerb).toEqual({ get: 1, list: 1 })
      expect(buckets[1]!.byUser).toEqual({ bob: 1 })
      expect(buckets[0]!.byNamespace).toEqual({ default: 2 })
      expect(buckets[0]!.byResource).toEqual({ pods: 2 })
    })

    it('saves a cursor in the same call as the events', async () => {
      await store.appendEvents([sampleEvent({ id: 'c1' })], { cursor: { name: 'file:a', value: '{"offset":10}' } })
      expect(await store.getCursor('file:a')).toBe('{"offset":10}')
      await store.setCursor('file:a', '{"offset":20}')
      expect(await store.getCursor('file:a')).toBe('{"offset":20}')
      expect(await store.getCursor('nope')).toBeUndefined()
    })

    it('applies retention by age and by count, oldest first', async () => {
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString()
      const recent = (n: number): string => new Date(Date.now() - n * 60_000).toISOString()
      await store.appendEvents([sampleEvent({ id: 'r0', time: old }), sampleEvent({ id: 'r1', time: recent(3) }), sampleEvent({ id: 'r2', time: recent(2) }), sampleEvent({ id: 'r3', time: recent(1) })])
      expect(await store.applyRetention({ maxAgeDays: 30 })).toEqual({ deleted: 1 })
      expect(await store.applyRetention({ maxEvents: 2 })).toEqual({ deleted: 1 })
      expect((await store.queryEvents({})).events.map((e) => e.id)).toEqual(['r3', 'r2'])
    })
  })

  describe('dead letters, alerts, findings', () => {
    it('keeps dead letters', async () => {
      await store.appendDeadLetters([{ time: '2026-03-01T10:00:00Z', source: 'file', where: 'a.log:3', code: 'KUBESIEM_INGEST_BAD_JSON', message: 'bad', sample: '{' }])
      expect(await store.countDeadLetters()).toBe(1)
    })

    it('upserts alerts by id and filters them', async () => {
      const alert = {
        id: 'al1', rule: { id: 'r1', title: 'Exec', source: 'sigma' as const }, severity: 'high' as const, mitre: ['T1609'], eventIds: ['e1'],
        entity: { cluster: 'prod', user: 'alice' }, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z', count: 1, summary: 's', status: 'new' as const,
      }
      await store.upsertAlerts([alert])
      await store.upsertAlerts([{ ...alert, count: 3, lastSeen: '2026-03-01T10:05:00.000Z' }])
      const { alerts, total } = await store.queryAlerts({ severity: 'high' })
      expect(total).toBe(1)
      expect(alerts[0]).toMatchObject({ id: 'al1', count: 3, mitre: ['T1609'] })
      expect((await store.queryAlerts({ cluster: 'other' })).total).toBe(0)
    })

    it('keeps the first-seen baseline', async () => {
      await store.appendBaseline([{ rule: '', identity: 'alice', value: '', firstMs: 1000 }, { rule: 'builtin:first-seen-source-ip', identity: 'alice', value: '192.0.2.1', firstMs: 2000 }])
      expect(await store.loadBaseline()).toEqual([{ rule: '', identity: 'alice', value: '', firstMs: 1000 }, { rule: 'builtin:first-seen-source-ip', identity: 'alice', value: '192.0.2.1', firstMs: 2000 }])
    })

    it('stores and filters findings', async () => {
      await store.appendFindings([
        { checkId: 'pss.baseline.privileged', controls: ['pss:baseline:privileged'], severity: 'high', message: 'm', remediation: 'r', evidence: { path: '/spec' }, cluster: 'c' },
        { checkId: 'cis.1.2.1', controls: ['cis:1.2.1'], severity: 'medium', message: 'm', remediation: 'r', evidence: null },
      ])
      expect((await store.queryFindings({})).length).toBe(2)
      expect((await store.queryFindings({ checkId: 'cis.1.2.1' }))[0]).toMatchObject({ controls: ['cis:1.2.1'] })
    })
  })
}
