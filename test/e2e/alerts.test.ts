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

const auth = () => ({ authorization: `Bearer ${server.token}` })
const post = (items: unknown[]) =>
  fetch(`${server.url}/ingest/k8s-audit/live`, { method: 'POST', body: JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items }), headers: { ...auth(), 'content-type': 'application/json' } })

// kubectl 1.30+ runs exec as a websocket GET; kube-apiserver logs ResponseStarted then ResponseComplete under one auditID.
const execStage = (stage: string) =>
  auditEvent('exec-1', {
    stage, verb: 'get', user: { username: 'eve@example.com', groups: ['system:authenticated'] }, sourceIPs: ['198.51.100.4'],
    requestURI: '/api/v1/namespaces/shop/pods/web-1/exec?command=cat&command=%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&container=web&stdout=true',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-1', apiVersion: 'v1' }, responseStatus: { code: 101 },
  })

const alertsOf = async (cluster: string) => (await (await fetch(`${server.url}/api/alerts?cluster=${cluster}&limit=100`, { headers: auth() })).json()).alerts as { id: string; rule: { title: string } }[]

// Detection runs after the ack, in arrival order: once a marker batch posted last has its alert,
// every batch before it has been through detection too.
let markers = 0
async function settled(): Promise<void> {
  const cluster = `marker-${++markers}`
  await fetch(`${server.url}/ingest/k8s-audit/${cluster}`, { method: 'POST', body: JSON.stringify([{ ...execStage('ResponseStarted'), auditID: cluster }]), headers: { ...auth(), 'content-type': 'application/json' } })
  for (let i = 0; i < 100 && (await alertsOf(cluster)).length === 0; i++) await new Promise((r) => setTimeout(r, 50))
  expect((await alertsOf(cluster)).length).toBeGreaterThan(0)
}

describe('detection in the server', () => {
  test('an exec arriving as two stages is one alert with ATT&CK ids, streamed live and stored before it is sent', async () => {
    const controller = new AbortController()
    const stream = await fetch(`${server.url}/api/alerts/stream`, { headers: auth(), signal: controller.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body!.getReader()
    const received: string[] = []
    const reading = (async () => {
      const decoder = new TextDecoder()
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
        if (done) return
        received.push(decoder.decode(value))
        if (/token/i.test(received.join(''))) return
      }
    })()
    expect((await post([execStage('ResponseStarted')])).status).toBe(200)
    expect((await post([execStage('ResponseComplete')])).status).toBe(200)
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))])
    controller.abort()
    await settled()
    const streamed = received.join('')
    expect(streamed).toContain('event: alert')
    const { alerts } = await (await fetch(`${server.url}/api/alerts?cluster=live`, { headers: auth() })).json()
    const titles = alerts.map((a: { rule: { title: string } }) => a.rule.title)
    expect(titles.some((t: string) => /token/i.test(t))).toBe(true)
    const tokenAlert = alerts.find((a: { rule: { title: string } }) => /token/i.test(a.rule.title))
    expect(tokenAlert).toMatchObject({ count: 1, eventIds: ['exec-1'], entity: { cluster: 'live', user: 'eve@example.com', namespace: 'shop' }, status: 'new' })
    expect(tokenAlert.mitre.length).toBeGreaterThan(0)
    // Every alert the API has was streamed too: the outbox order (store, then send).
    for (const a of alerts) expect(streamed).toContain(a.id)
  })

  test('a retried batch raises no second alert', async () => {
    const before = (await (await fetch(`${server.url}/api/alerts?cluster=live`, { headers: auth() })).json()).alerts
    await post([execStage('ResponseComplete')])
    await settled()
    const after = (await (await fetch(`${server.url}/api/alerts?cluster=live`, { headers: auth() })).json()).alerts
    expect(after).toEqual(before)
  })

  test('routine controller and kubelet traffic raises nothing', async () => {
    const routine = Array.from({ length: 50 }, (_, i) =>
      auditEvent(`r${i}`, { verb: i % 2 ? 'update' : 'get', user: { username: i % 2 ? 'system:node:node-1' : 'system:kube-controller-manager', groups: ['system:nodes', 'system:authenticated'] }, objectRef: { resource: 'leases', namespace: 'kube-node-lease', name: 'node-1', apiGroup: 'coordination.k8s.io' } }))
    await fetch(`${server.url}/ingest/k8s-audit/quiet`, { method: 'POST', body: JSON.stringify(routine), headers: { ...auth(), 'content-type': 'application/json' } })
    await settled()
    expect((await (await fetch(`${server.url}/api/alerts?cluster=quiet`, { headers: auth() })).json()).total).toBe(0)
  })
})

describe('the demo', () => {
  test("after start with the demo, the demo's attacks are alerts in the API with ATT&CK ids", async () => {
    const { startServer } = await import('../../src/api/server.js')
    const { parseConfig } = await import('../../src/config/parse.js')
    const { tempDataDir } = await import('./helpers.js')
    const demo = await startServer({ config: parseConfig({ dataDir: tempDataDir(), port: 0 }), demo: true, logLevel: 'silent', print: () => undefined })
    try {
      const { alerts } = await (await fetch(`${demo.url}/api/alerts?limit=100`, { headers: { authorization: `Bearer ${demo.adminToken}` } })).json()
      const byTitle = (re: RegExp) => alerts.find((a: { rule: { title: string } }) => re.test(a.rule.title))
      for (const [re, technique] of [[/Privileged Container/, 'T1611'], [/cluster-admin/, 'T1098'], [/Metadata/, 'T1552.005'], [/Anonymous/, 'T1078.001'], [/pods\/exec/, 'T1609']] as const) {
        const alert = byTitle(re)
        expect(alert, String(re)).toBeDefined()
        expect(alert.mitre).toContain(technique)
      }
      // The demo cluster's snapshot: posture findings in the API, and what mallory can do.
      const auth = { authorization: `Bearer ${demo.adminToken}` }
      let findings: { checkId: string; controls: string[]; resource?: { name?: string } }[] = []
      for (let i = 0; i < 100 && findings.length === 0; i++) {
        findings = (await (await fetch(`${demo.url}/api/findings`, { headers: auth })).json()).findings
        if (findings.length === 0) await new Promise((r) => setTimeout(r, 100))
      }
      expect(findings.some((f) => f.controls.includes('pss:baseline:privileged') && f.resource?.name === 'debug-node')).toBe(true)
      const can = await (await fetch(`${demo.url}/api/rbac/can-list?user=mallory@example.com&groups=developers,system:authenticated`, { headers: auth })).json()
      expect(can.loaded).toBe(true)
      expect(JSON.stringify(can)).toContain('secrets')
    } finally {
      await demo.close()
    }
  })
})
