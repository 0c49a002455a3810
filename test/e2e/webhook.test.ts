import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditEvent, startTestServer } from './helpers.js'

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.close()
})

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers } })
// null means no credentials at all (undefined would take the default).
const get = (path: string, token: string | null = server.token) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
const eventList = (items: unknown[]) => JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items })

describe('audit webhook and API', () => {
  test('healthz is open; every other route answers 401 without credentials and with a wrong token', async () => {
    expect((await get('/healthz', null)).status).toBe(200)
    for (const path of ['/api/events', '/api/alerts', '/api/stats', '/api/findings', '/api/tokens']) {
      expect((await get(path, null)).status, path).toBe(401)
      expect((await get(path, 'ks_wrong')).status, path).toBe(401)
    }
    const noAuth = await fetch(`${server.url}/ingest/k8s-audit`, { method: 'POST', body: eventList([]) })
    expect(noAuth.status).toBe(401)
  })

  test('an EventList posted to /ingest/k8s-audit/{cluster} is found through the API; a retry does not duplicate', async () => {
    const body = eventList([auditEvent('w1'), auditEvent('w2', { verb: 'create', objectRef: { resource: 'deployments', namespace: 'shop', name: 'api' } })])
    const first = await post('/ingest/k8s-audit/prod-eu?wait=stored', body)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ read: 2, stored: 2, duplicates: 0, rejected: 0 })
    const retry = await post('/ingest/k8s-audit/prod-eu?wait=stored', body)
    expect(await retry.json()).toMatchObject({ read: 2, stored: 0, duplicates: 2 })
    // kube-apiserver's posts are answered once spooled; a read after the answer still sees them.
    const spooled = await post('/ingest/k8s-audit/prod-eu', body)
    expect(await spooled.json()).toEqual({ read: 2, accepted: 2, rejected: 0, reasons: {}, errors: [] })
    const page = await (await get('/api/events?cluster=prod-eu&verb=create')).json()
    expect(page.total).toBe(1)
    expect(page.events[0]).toMatchObject({ id: 'w2', cluster: 'prod-eu', verb: 'create', objectRef: { resource: 'deployments', namespace: 'shop', name: 'api' } })
    expect((await (await get('/api/events?cluster=prod-eu')).json()).total).toBe(2)
  })

  test('the cluster comes from a header when the path has none; gzip bodies are accepted', async () => {
    const res = await post('/ingest/k8s-audit', gzipSync(JSON.stringify([auditEvent('g1')])), { 'content-encoding': 'gzip', 'x-kubesiem-cluster': 'gz-cluster' })
    expect(await res.json()).toMatchObject({ accepted: 1 })
    expect((await (await get('/api/events?cluster=gz-cluster')).json()).events[0].id).toBe('g1')
  })

  test('bad input: malformed JSON, truncated gzip, invalid UTF-8, a bad item among good ones, an oversized body', async () => {
    const bad = await post('/ingest/k8s-audit', '{"kind": "EventList", "items": [')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('KUBESIEM_INGEST_BAD_JSON')
    const gz = gzipSync(eventList([auditEvent('t1')]))
    const cut = await post('/ingest/k8s-audit', gz.subarray(0, gz.length - 12), { 'content-encoding': 'gzip' })
    expect((await cut.json()).error.code).toBe('KUBESIEM_INGEST_BAD_GZIP')
    const utf = await post('/ingest/k8s-audit', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))
    expect((await utf.json()).error.code).toBe('KUBESIEM_INGEST_BAD_UTF8')
    const mixed = await post('/ingest/k8s-audit/mixed', eventList([auditEvent('m1'), { kind: 'Event', verb: 'get' }, auditEvent('m3', { apiVersion: 'audit.k8s.io/v9' })]))
    expect(mixed.status).toBe(200)
    const report = await mixed.json()
    expect(report).toMatchObject({ read: 3, accepted: 1, rejected: 2, reasons: { KUBESIEM_INGEST_NOT_AUDIT_EVENT: 1, KUBESIEM_INGEST_UNKNOWN_API_VERSION: 1 } })
    expect(report.errors[0].message).toContain('item 1')
    const huge = await post('/ingest/k8s-audit', Buffer.alloc(13 * 1024 * 1024, 0x20))
    expect(huge.status).toBe(413)
    // The server keeps serving.
    expect((await get('/api/events?cluster=mixed')).status).toBe(200)
  })

  test('filters, stats and tokens: an ingest token may post but not read; bad filters are 400s naming the field', async () => {
    const created = await fetch(`${server.url}/api/tokens`, { method: 'POST', body: JSON.stringify({ name: 'apiserver', role: 'ingest' }), headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' } })
    expect(created.status).toBe(201)
    const { token } = await created.json()
    const posted = await fetch(`${server.url}/ingest/k8s-audit/tok`, { method: 'POST', body: eventList([auditEvent('k1')]), headers: { authorization: `Bearer ${token}` } })
    expect(posted.status).toBe(200)
    expect((await get('/api/events', token)).status).toBe(403)
    const badFilter = await get('/api/events?responseCode=abc')
    expect(badFilter.status).toBe(400)
    expect((await badFilter.json()).error.message).toContain('responseCode')
    const stats = await (await get('/api/stats?cluster=prod-eu&bucketSeconds=3600')).json()
    expect(stats.buckets[0]).toMatchObject({ total: 2, byVerb: { list: 1, create: 1 } })
  })

  test("a Secret's value never reaches the DuckDB files", async () => {
    const secretValue = 'U3VwZXJTZWNyZXRQYXNzd29yZDQy'
    const plain = 'SuperSecretPlainStringData42'
    const res = await post('/ingest/k8s-audit/sec', eventList([
      auditEvent('s1', { verb: 'create', objectRef: { resource: 'secrets', namespace: 'default', name: 'db' }, requestObject: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'db' }, data: { password: secretValue }, stringData: { other: plain } } }),
      auditEvent('s2', { verb: 'get', objectRef: { resource: 'secrets', namespace: 'default', name: 'db' }, responseObject: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'db' }, data: { password: secretValue } } }),
    ]))
    expect(await res.json()).toMatchObject({ accepted: 2 })
    const found = await (await get('/api/events?cluster=sec')).json()
    expect(JSON.stringify(found)).not.toContain(secretValue)
    expect(found.events.find((e: { id: string }) => e.id === 's1').payload.requestObject.data.password).toBe('[REDACTED]')
    await server.close()
    const dir = server.dataDir
    // The store's files and the webhook spool's segments (kept until the next start).
    const files = [...readdirSync(dir).filter((f) => f.startsWith('kubesiem.duckdb')).map((f) => join(dir, f)), ...readdirSync(join(dir, 'spool')).map((f) => join(dir, 'spool', f))]
    expect(files.some((f) => f.includes('segment-'))).toBe(true)
    for (const file of files) {
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from(secretValue)), file).toBe(false)
      expect(bytes.includes(Buffer.from(plain)), file).toBe(false)
      // Positive control: the same search finds an ordinary value we stored, so the scan can fail.
      if (file.includes('segment-')) expect(bytes.includes(Buffer.from('10.1.2.3')), file).toBe(true)
    }
    const all = Buffer.concat(files.filter((f) => f.includes('kubesiem.duckdb')).map((f) => readFileSync(f)))
    expect(all.includes(Buffer.from('10.1.2.3'))).toBe(true)
    server = await startTestServer(dir)
    server.token = JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8')).token
    expect((await (await get('/api/events?cluster=sec')).json()).total).toBe(2)
  })
})
