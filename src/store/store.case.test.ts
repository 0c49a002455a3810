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

    it('keeps every text exactly: control characters, quotes, backslashes and non-ASCII, in columns and payload', async () => {
      const odd = 'a\x1eb\x1fc"d\\e\nf\u0000g — ü 😀'
      const event = sampleEvent({
        id: `x${odd}`,
        userAgent: odd,
        user: { name: odd, groups: [odd, 'g'] },
        objectRef: { resource: 'pods', namespace: odd, name: odd },
        requestURI: `/api?q=${odd}`,
        reason: odd,
        payload: { kind: 'Event', note: odd, nested: { [odd]: [odd, 1, null] } },
      })
      expect(await store.appendEvents([event, sampleEvent({ id: 'plain' })])).toMatchObject({ stored: 2 })
      const got = (await store.queryEvents({ ids: [event.id] })).events[0]!
      expect(got.id).toBe(event.id)
      expect(got.userAgent).toBe(odd)
      expect(got.user).toEqual({ name: odd, groups: [odd, 'g'], uid: undefined })
      expect(got.objectRef).toMatchObject({ namespace: odd, name: odd })
      expect(got.requestURI).toBe(event.requestURI)
      expect(got.reason).toBe(odd)
      expect(got.payload).toEqual(event.payload)
      expect((await store.queryEvents({ ids: ['plain'] })).events[0]!.payload).toEqual(sampleEvent({ id: 'plain' }).payload)
    })

    it('keeps empty texts, empty lists and missing values apart, in any mix within a batch', async () => {
      const events = [
        sampleEvent({ id: 'm1', user: { name: '', groups: [] }, sourceIPs: [], userAgent: '', objectRef: {}, responseCode: undefined, requestURI: '' }),
        sampleEvent({ id: 'm2', user: { name: 'u', groups: [''], uid: '' }, sourceIPs: ['', '10.0.0.9'], objectRef: { apiGroup: '', namespace: '' } }),
        sampleEvent({ id: 'm3', user: { name: '\x1b', groups: ['a', 'b'] }, impersonatedUser: { name: '', groups: [] }, decision: '', reason: '\x1c' }),
        sampleEvent({ id: 'm4', responseCode: 0, objectRef: { resource: 'pods', subresource: 'exec', name: 'p' } }),
      ]
      expect(await store.appendEvents(events)).toMatchObject({ stored: 4 })
      for (const event of events) {
        const got = (await store.queryEvents({ ids: [event.id] })).events[0]!
        // The impersonated user is read back from the payload, which these events leave out.
        const { payload, impersonatedUser: _, ...envelope } = event
        expect(got).toMatchObject({ ...envelope, user: { uid: undefined, ...event.user } })
        expect(got.payload).toEqual(payload)
      }
    })

    it('dedups on (id, stage) within a batch and across batches', async () => {
      const a = sampleEvent({ id: 'd1' })
      const b = sampleEvent({ id: 'd1', stage: 'RequestReceived' })
      expect(await store.appendEvents([a, a, b])).toMatchObject({ stored: 2, duplicates: 1, storedKeys: new Set(['d1/ResponseComplete', 'd1/RequestReceived']) })
      expect(await store.appendEvents([a, b])).toMatchObject({ stored: 0, duplicates: 2, storedKeys: new Set() })
      expect(await store.countEvents()).toBe(2)
    })

    it('an old event replayed after hours of newer ones is still a duplicate', async () => {
      const old = sampleEvent({ id: 'o1', time: '2026-03-01T10:00:00.000Z' })
      expect(await store.appendEvents([old])).toMatchObject({ stored: 1 })
      for (let h = 1; h <= 3; h++) await store.appendEvents([sampleEvent({ id: `n${h}`, time: `2026-03-01T1${h}:00:00.000Z` })])
      expect(await store.appendEvents([old, sampleEvent({ id: 'n4', time: '2026-03-01T14:00:00.000Z' })])).toMatchObject({ stored: 1, duplicates: 1 })
      expect(await store.appendEvents([sampleEvent({ id: 'n3', time: '2026-03-01T13:00:00.000Z' })])).toMatchObject({ stored: 0, duplicates: 1 })
      expect(await store.countEvents()).toBe(5)
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

    it('a deferred-commit append is stored by the next write at the latest, with dedup across the open batches', async () => {
      expect((await store.appendEvents([sampleEvent({ id: 'b1' }), sampleEvent({ id: 'b2' })], { deferCommit: true })).stored).toBe(2)
      expect(await store.appendEvents([sampleEvent({ id: 'b2' }), sampleEvent({ id: 'b3' })], { deferCommit: true })).toMatchObject({ stored: 1, duplicates: 1 })
      await store.setCursor('after', 'x')
      expect((await store.queryEvents({})).events.map((e) => e.id).sort()).toEqual(['b1', 'b2', 'b3'])
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

  describe('triage, facets, people and settings', () => {
    const alert = {
      id: 'al1', rule: { id: 'r1', title: 'Exec', source: 'sigma' as const }, severity: 'high' as const, mitre: [], eventIds: ['e1'],
      entity: { cluster: 'prod', user: 'alice', namespace: 'shop' }, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z', count: 1, summary: 's', status: 'new' as const,
    }

    it('keeps triage when detection updates the alert, and filters by triaged status, namespace and user', async () => {
      await store.upsertAlerts([alert])
      const detectedAt = (await store.getAlert('al1'))!.detectedAt
      expect(detectedAt).toBeDefined()
      await store.setTriage('al1', { status: 'acknowledged', assignee: 'bob', comments: [{ time: '2026-03-01T10:01:00.000Z', author: 'bob', text: 'looking' }], ackAt: '2026-03-01T10:01:00.000Z' })
      await store.upsertAlerts([{ ...alert, count: 2, lastSeen: '2026-03-01T10:02:00.000Z' }])
      const got = (await store.getAlert('al1'))!
      expect(got).toMatchObject({ status: 'acknowledged', assignee: 'bob', count: 2, ackAt: '2026-03-01T10:01:00.000Z', detectedAt })
      expect(got.comments).toHaveLength(1)
      expect((await store.queryAlerts({ status: 'acknowledged', namespace: 'shop', user: 'alice' })).total).toBe(1)
      expect((await store.queryAlerts({ status: 'new' })).total).toBe(0)
      expect(await store.getAlert('nope')).toBeUndefined()
    })

    it('answers facets and per-cluster counts', async () => {
      await store.appendEvents([
        sampleEvent({ id: 'g1', time: '2026-03-01T10:05:00.000Z', sourceIPs: ['10.0.0.1', '10.0.0.2'] }),
        sampleEvent({ id: 'g2', time: '2026-03-01T10:10:00.000Z', verb: 'list', cluster: 'prod' }),
        sampleEvent({ id: 'g3', time: '2026-03-01T11:10:00.000Z', verb: 'list' }),
      ])
      const facets = await store.facets({}, ['verb', 'sourceIP', 'responseCode'], 5)
      expect(facets.verb).toEqual([{ value: 'list', count: 2 }, { value: 'get', count: 1 }])
      expect(facets.sourceIP![0]).toEqual({ value: '10.0.0.1', count: 3 })
      expect(facets.responseCode).toEqual([{ value: '200', count: 3 }])
      expect(await store.clusterCounts({}, 3600)).toEqual([
        { start: '2026-03-01T10:00:00.000Z', cluster: 'prod', count: 1 },
        { start: '2026-03-01T10:00:00.000Z', cluster: 'test', count: 1 },
        { start: '2026-03-01T11:00:00.000Z', cluster: 'test', count: 1 },
      ])
      expect((await store.queryEvents({ ids: ['g1', 'g3'] })).events.map((e) => e.id)).toEqual(['g3', 'g1'])
    })

    it('keeps users, sessions (until they expire) and the audit trail', async () => {
      await store.upsertUser({ name: 'ann', role: 'analyst', source: 'local', passwordHash: 'h', created: '2026-03-01T10:00:00.000Z' })
      expect(await store.getUser('ann')).toMatchObject({ role: 'analyst' })
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['ann'])
      const later = new Date(Date.now() + 60_000).toISOString()
      await store.putSession({ id: 's1', user: 'ann', role: 'analyst', csrf: 'c', created: '2026-03-01T10:00:00.000Z', expiresAt: later })
      await store.putSession({ id: 's2', user: 'ann', role: 'analyst', csrf: 'c', created: '2026-03-01T10:00:00.000Z', expiresAt: '2020-01-01T00:00:00.000Z' })
      expect(await store.getSession('s1')).toMatchObject({ user: 'ann' })
      expect(await store.getSession('s2')).toBeUndefined()
      await store.deleteSession('s1')
      expect(await store.getSession('s1')).toBeUndefined()
      await store.appendAudit({ time: '2026-03-01T10:00:00.000Z', actor: 'ann', action: 'login' })
      await store.appendAudit({ time: '2026-03-01T10:01:00.000Z', actor: 'ann', action: 'alert.acknowledge', target: 'al1' })
      expect((await store.queryAudit({})).map((e) => e.action)).toEqual(['alert.acknowledge', 'login'])
      expect(await store.queryAudit({ action: 'login' })).toHaveLength(1)
    })

    it('keeps exceptions, saved searches per owner and rule states', async () => {
      await store.upsertException({ id: 'x1', ruleId: 'r1', fields: { user: 'alice' }, reason: 'known job', createdBy: 'ann', created: '2026-03-01T10:00:00.000Z' })
      expect(await store.listExceptions()).toHaveLength(1)
      expect(await store.deleteException('x1')).toBe(true)
      expect(await store.deleteException('x1')).toBe(false)
      await store.saveSearch({ id: 'q1', owner: 'ann', name: 'creates', query: 'verb:create', created: '2026-03-01T10:00:00.000Z' })
      expect(await store.listSavedSearches('ann')).toHaveLength(1)
      expect(await store.listSavedSearches('bob')).toHaveLength(0)
      expect(await store.deleteSavedSearch('bob', 'q1')).toBe(false)
      await store.setRuleState({ ruleId: 'r1', enabled: false, changedBy: 'ann', changed: '2026-03-01T10:00:00.000Z' })
      await store.setRuleState({ ruleId: 'r1', enabled: true, changedBy: 'ann', changed: '2026-03-01T10:01:00.000Z' })
      expect(await store.listRuleStates()).toEqual([{ ruleId: 'r1', enabled: true, changedBy: 'ann', changed: '2026-03-01T10:01:00.000Z' }])
    })
  })
}
