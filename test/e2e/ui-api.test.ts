import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type RunningServer } from '../../src/api/server.js'
import { parseConfig } from '../../src/config/parse.js'
import type { Alert, KubeEvent } from '../../src/core/index.js'
import { tempDataDir } from './helpers.js'

let server: RunningServer
let token: string

async function api<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  return { status: res.status, body: (await res.json()) as T }
}

beforeAll(async () => {
  server = await startServer({ config: parseConfig({ dataDir: tempDataDir(), port: 0, cluster: 'demo' }), demo: true, logLevel: 'silent', print: () => undefined })
  token = server.adminToken!
})
afterAll(async () => {
  await server?.close()
})

describe('views over the demo stream', () => {
  test('overview: events and alerts over time, anomalies with the method, open alerts, top rules, times, posture', async () => {
    const { body } = await api<Record<string, any>>('/api/overview?hours=24')
    expect(body.eventsOverTime.length).toBeGreaterThan(3)
    expect(body.eventsOverTime[0]).toMatchObject({ cluster: 'demo' })
    expect(body.alertsOverTime.length).toBeGreaterThan(0)
    expect(body.anomalies.method).toMatch(/z-score/)
    expect(body.anomalies.items.length).toBeGreaterThan(0)
    expect(Object.values(body.openBySeverity as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(5)
    expect(body.topRules[0].count).toBeGreaterThan(0)
    expect(body.responseTimes.days7.ttd.count).toBeGreaterThan(5)
    // The demo's cluster snapshot (privileged hostPID pod, cluster-admin binding…) scores badly.
    expect(body.posture.total).toBeGreaterThan(10)
    expect(body.posture.score).toBeLessThan(100)
  })

  test('triage: acknowledge, assign, comment, resolve, bulk; illegal moves are 409; all audited', async () => {
    const { body: list } = await api<{ alerts: Alert[]; total: number }>('/api/alerts?status=new&limit=100')
    const [a, b, c] = list.alerts
    const acked = await api<Alert>(`/api/alerts/${a!.id}`, { method: 'PATCH', body: { status: 'acknowledged', assignee: 'ann', comment: 'on it' } })
    expect(acked.body).toMatchObject({ status: 'acknowledged', assignee: 'ann' })
    expect(acked.body.ackAt).toBeDefined()
    expect(acked.body.comments![0]).toMatchObject({ author: 'token:admin', text: 'on it' })
    const resolved = await api<Alert>(`/api/alerts/${a!.id}`, { method: 'PATCH', body: { status: 'resolved' } })
    expect(resolved.body.resolvedAt).toBeDefined()
    expect((await api(`/api/alerts/${a!.id}`, { method: 'PATCH', body: { status: 'false_positive' } })).status).toBe(409)
    const bulk = await api<{ results: { ok: boolean }[] }>('/api/alerts/bulk', { method: 'POST', body: { ids: [b!.id, c!.id], status: 'false_positive' } })
    expect(bulk.body.results.every((r) => r.ok)).toBe(true)
    expect((await api<{ total: number }>('/api/alerts?status=false_positive')).body.total).toBe(2)
    const { body: audit } = await api<{ entries: { action: string; target: string }[] }>('/api/audit')
    expect(audit.entries.filter((e) => e.target === a!.id).map((e) => e.action)).toEqual(['alert.resolved', 'alert.acknowledged'])
    const { body: overview } = await api<Record<string, any>>('/api/overview')
    expect(overview.responseTimes.days7.tta.count).toBe(3)
    expect(overview.responseTimes.days7.ttr.count).toBe(3)
    const { body: rules } = await api<{ rules: { id: string; falsePositiveRate: number | null }[] }>('/api/rules')
    expect(rules.rules.find((r) => r.id === b!.rule.id)!.falsePositiveRate).toBeGreaterThan(0)
  })

  test('investigation: identity timeline ±1 h with addresses and agents, target history, incident, blast radius', async () => {
    const { body: list } = await api<{ alerts: Alert[] }>('/api/alerts?limit=100')
    const alert = list.alerts.find((a) => a.entity.user && a.entity.namespace)!
    const { body } = await api<Record<string, any>>(`/api/alerts/${alert.id}/investigation`)
    expect(body.identity.user).toBe(alert.entity.user)
    expect(body.identity.timeline.length).toBeGreaterThan(0)
    expect(body.identity.timeline.every((e: KubeEvent) => e.user.name === alert.entity.user)).toBe(true)
    expect(body.identity.addresses.length).toBeGreaterThan(0)
    expect(body.identity.userAgents.length).toBeGreaterThan(0)
    expect(body.evidence.length).toBeGreaterThan(0)
    expect(body.incident.alerts.map((a: Alert) => a.id)).toContain(alert.id)
    // The demo ships its cluster's RBAC: what the identity can do, with the path that grants it.
    expect(body.canDo.loaded).toBe(true)
    expect(body.canDo.rules.length).toBeGreaterThan(0)
  })

  test('search: query bar, syntax error position, facets, histogram, pagination, export, saved searches', async () => {
    const { body } = await api<{ events: KubeEvent[]; total: number }>('/api/search?q=verb:create&limit=5')
    expect(body.events).toHaveLength(5)
    expect(body.events.every((e) => e.verb === 'create')).toBe(true)
    const page2 = await api<{ events: KubeEvent[] }>('/api/search?q=verb:create&limit=5&offset=5')
    expect(page2.body.events[0]!.id).not.toBe(body.events[0]!.id)
    const bad = await api<{ error: { code: string; position: number } }>(`/api/search?q=${encodeURIComponent('verb:create "open')}`)
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'KUBESIEM_SEARCH_SYNTAX', position: 12 })
    const facets = await api<{ facets: Record<string, { value: string; count: number }[]>; histogram: { count: number }[] }>('/api/search/facets?q=verb:create')
    expect(facets.body.facets.verb).toEqual([{ value: 'create', count: body.total }])
    expect(facets.body.histogram.reduce((s, b) => s + b.count, 0)).toBe(body.total)
    const csv = await fetch(`${server.url}/api/search/export?q=verb:create&format=csv`, { headers: { authorization: `Bearer ${token}` } })
    expect((await csv.text()).trim().split('\n')).toHaveLength(body.total + 1)
    const saved = await api<{ id: string }>('/api/searches', { method: 'POST', body: { name: 'creates', query: 'verb:create' } })
    expect(saved.status).toBe(201)
    expect((await api<{ searches: unknown[] }>('/api/searches')).body.searches).toHaveLength(1)
  })

  test('suppress similar: an exception holds back matching alerts without editing the rule', async () => {
    const { body: list } = await api<{ alerts: Alert[] }>('/api/alerts?limit=100')
    const [target, control] = list.alerts.filter((a) => a.entity.user && a.eventIds.length > 0 && a.rule.source !== 'builtin')
    const created = await api<{ id: string; fields: Record<string, string> }>(`/api/alerts/${target!.id}/suppress`, { method: 'POST', body: { fields: ['user'], reason: 'known admin task', expiresInDays: 7 } })
    expect(created.status).toBe(201)
    expect(created.body.fields).toEqual({ user: target!.entity.user })
    // Replay each alert's evidence under new audit ids: the suppressed alert must not grow.
    for (const alert of [target!, control!]) {
      const { body: evidence } = await api<{ events: KubeEvent[] }>(`/api/events?limit=100&user=${encodeURIComponent(alert.entity.user!)}`)
      const replay = evidence.events.filter((e) => alert.eventIds.includes(e.id)).map((e) => ({ ...e.payload, auditID: `${e.id}-replay` }))
      const res = await fetch(`${server.url}/ingest/k8s-audit/demo`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'EventList', items: replay }) })
      expect(res.status).toBe(200)
    }
    expect((await api<Alert>(`/api/alerts/${target!.id}`)).body.count).toBe(target!.count)
    expect((await api<Alert>(`/api/alerts/${control!.id}`)).body.count).toBeGreaterThan(control!.count)
    expect((await api<{ exceptions: unknown[] }>('/api/exceptions')).body.exceptions).toHaveLength(1)
  })

  test('rules: list with status and hits; switching a rule off is persisted and audited', async () => {
    const { body } = await api<{ rules: { id: string; enabled: boolean; hits: number; status: string | null }[] }>('/api/rules')
    const hit = body.rules.find((r) => r.hits > 0)!
    expect(hit.enabled).toBe(true)
    expect((await api(`/api/rules/${hit.id}`, { method: 'PUT', body: { enabled: false } })).status).toBe(200)
    expect((await api<{ rules: { id: string; enabled: boolean }[] }>('/api/rules')).body.rules.find((r) => r.id === hit.id)!.enabled).toBe(false)
    const { body: audit } = await api<{ entries: { action: string; target: string }[] }>('/api/audit?action=rule.disable')
    expect(audit.entries[0]!.target).toBe(hit.id)
  })
})
