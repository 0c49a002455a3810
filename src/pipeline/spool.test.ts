import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { ForegroundGate } from '../core/index.js'
import { openDuckDbStore } from '../store/duckdb/store.js'
import { openSpoolLog } from '../store/spool/spool-log.js'
import type { Store } from '../store/store.js'
import { createPipeline, type Pipeline } from './ingest.js'
import { IngestSpool, SPOOL_CURSOR } from './spool.js'
import type { SourceRecord } from './stages.js'

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: id, stage: 'ResponseComplete', verb: 'get',
  requestURI: '/api/v1/namespaces/default/secrets/db', user: { username: 'alice', groups: ['system:authenticated'] }, sourceIPs: ['10.0.0.1'],
  objectRef: { resource: 'secrets', namespace: 'default', name: 'db', apiVersion: 'v1' }, responseStatus: { code: 200 },
  requestReceivedTimestamp: '2026-03-01T10:00:00.000000Z', stageTimestamp: '2026-03-01T10:00:00.010000Z', ...extra,
})
const post = (items: unknown[]): SourceRecord[] => [{ where: 'POST /ingest/k8s-audit/c', source: 'k8s-audit', cluster: 'c', value: { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items } }]

let dir: string
let store: Store
let pipeline: Pipeline
const spoolDir = () => join(dir, 'spool')
const ids = async () => (await store.queryEvents({ limit: 100 })).events.map((e) => e.id).sort()

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubesiem-spool-'))
  store = await openDuckDbStore({ path: join(dir, 'kubesiem.duckdb') })
  pipeline = createPipeline({ store })
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the webhook spool', () => {
  test('acknowledges once spooled, then stores in order and records how far it got', async () => {
    const spool = IngestSpool.open(await openSpoolLog(spoolDir(), undefined), pipeline)
    const secret = 'c3VwZXItc2VjcmV0LXZhbHVl'
    const ack = await spool.accept(post([event('a1'), event('a2', { responseObject: { kind: 'Secret', data: { password: secret } } }), { kind: 'Event', verb: 'get' }]))
    expect(ack).toMatchObject({ read: 3, accepted: 2, rejected: 1, reasons: { KUBESIEM_INGEST_NOT_AUDIT_EVENT: 1 } })
    const stored = await spool.accept(post([event('a2'), event('a3')]), { wait: true })
    expect(stored).toMatchObject({ read: 2, stored: 1, duplicates: 1 })
    await spool.settled()
    expect(await ids()).toEqual(['a1', 'a2', 'a3'])
    expect(await store.countDeadLetters()).toBe(1)
    expect(await store.getCursor(SPOOL_CURSOR)).toMatch(/^\d+:\d+$/)
    await spool.close()
    // What reached the spool's disk was redacted before the acknowledgement.
    const text = readdirSync(spoolDir()).map((f) => readFileSync(join(spoolDir(), f), 'utf8')).join('')
    expect(text).toContain('"a2"')
    expect(text).not.toContain(secret)
  })

  test('after a crash, what was acknowledged but not stored is replayed; a torn last line is not', async () => {
    let storeUp = false
    const flaky: Pick<Pipeline, 'commit' | 'drain'> = {
      commit: (batch, cursor) => (storeUp ? pipeline.commit(batch, cursor) : Promise.reject(new Error('store down'))),
      drain: () => pipeline.drain(),
    }
    const errors: unknown[] = []
    const crashed = IngestSpool.open(await openSpoolLog(spoolDir(), await store.getCursor(SPOOL_CURSOR)), flaky, { retryMs: 5, onError: (e) => errors.push(e) })
    expect(await crashed.accept(post([event('b1'), event('b2')]))).toMatchObject({ accepted: 2 })
    expect(await crashed.accept(post([event('b3')]))).toMatchObject({ accepted: 1 })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(errors.length).toBeGreaterThan(0)
    await crashed.close()
    // A write cut short by the crash: never acknowledged, so never replayed.
    const segment = readdirSync(spoolDir()).sort().at(-1)!
    appendFileSync(join(spoolDir(), segment), '{"events":[["c","k8s-audit",{"kind":"Ev')
    storeUp = true
    const restarted = IngestSpool.open(await openSpoolLog(spoolDir(), await store.getCursor(SPOOL_CURSOR)), pipeline)
    expect(restarted.replayedBatches).toBe(2)
    await restarted.settled()
    expect(await ids()).toEqual(['b1', 'b2', 'b3'])
    await restarted.close()
    // Once stored, nothing replays again; a line replayed twice would only count as duplicates.
    const again = IngestSpool.open(await openSpoolLog(spoolDir(), await store.getCursor(SPOOL_CURSOR)), pipeline)
    expect(again.replayedBatches).toBe(0)
    await again.close()
    const fromStart = IngestSpool.open(await openSpoolLog(spoolDir(), undefined), pipeline)
    expect(fromStart.replayedBatches).toBe(2)
    await fromStart.settled()
    expect(await ids()).toEqual(['b1', 'b2', 'b3'])
    await fromStart.close()
  })

  test('a full segment is closed for a new one, and deleted once the store has all its lines', async () => {
    const segments = () => readdirSync(spoolDir()).filter((f) => f.startsWith('segment-')).sort()
    const stalled = IngestSpool.open(await openSpoolLog(spoolDir(), undefined, { segmentBytes: 2048 }), { commit: () => new Promise(() => undefined), drain: () => pipeline.drain() })
    for (let i = 0; i < 6; i++) await stalled.accept(post([event(`d${i}a`), event(`d${i}b`)]))
    // Nothing is stored yet: every segment is kept (and an empty next one is ready).
    expect(segments().length).toBeGreaterThanOrEqual(3)
    const restarted = IngestSpool.open(await openSpoolLog(spoolDir(), await store.getCursor(SPOOL_CURSOR), { segmentBytes: 2048 }), pipeline)
    expect(restarted.replayedBatches).toBe(6)
    await restarted.settled()
    expect((await ids()).length).toBe(12)
    await restarted.accept(post([event('d9')]))
    await restarted.settled()
    await restarted.close()
    // Only the segment holding the last stored line (and the one being written) may remain.
    expect(segments().length).toBeLessThanOrEqual(2)
  })

  test('the loader holds back while a post is in flight, for a bounded time', async () => {
    // Bounds far above the test's waits, so that what it sees is the hold, not a slow store.
    const gate = new ForegroundGate({ maxHeldMs: 10_000 })
    const spool = IngestSpool.open(await openSpoolLog(spoolDir(), undefined), pipeline, { gate, holdBackMs: 10_000 })
    gate.begin()
    await spool.accept(post([event('h1')]))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await ids()).toEqual([])
    gate.end()
    await spool.settled()
    expect(await ids()).toEqual(['h1'])
    await spool.close()
    // With the defaults, a post that never ends delays the loader by the bound only.
    const bounded = new ForegroundGate()
    const spool2 = IngestSpool.open(await openSpoolLog(spoolDir(), await store.getCursor(SPOOL_CURSOR)), pipeline, { gate: bounded })
    bounded.begin()
    await spool2.accept(post([event('h2')]))
    await spool2.settled()
    expect(await ids()).toEqual(['h1', 'h2'])
    await spool2.close()
  })

  test('past its cap of queued events a post waits for the loader (backpressure)', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow: Pick<Pipeline, 'commit' | 'drain'> = {
      commit: async (batch, cursor) => {
        await gate
        return pipeline.commit(batch, cursor)
      },
      drain: () => pipeline.drain(),
    }
    const spool = IngestSpool.open(await openSpoolLog(spoolDir(), undefined), slow, { maxQueuedEvents: 2 })
    await spool.accept(post([event('c1'), event('c2')]))
    let second = false
    const pending = spool.accept(post([event('c3')])).then(() => (second = true))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(second).toBe(false)
    release()
    await pending
    await spool.settled()
    expect(await ids()).toEqual(['c1', 'c2', 'c3'])
    await spool.close()
  })
})
