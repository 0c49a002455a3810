import { describe, expect, test } from 'vitest'
import { FirstSeenDetector } from './first-seen.js'

const HOUR = 3_600_000
const ev = (ms: number, user: string, extra: Record<string, unknown> = {}) => ({
  id: `e${ms}`, timeMs: ms, payload: { user: { username: user }, userAgent: 'kubectl/v1.31.0 (linux/amd64)', sourceIPs: ['192.0.2.1'], objectRef: { namespace: 'shop' }, ...extra },
})
const ruleIds = (hits: { rule: { id: string } }[]) => hits.map((h) => h.rule.id)

describe('FirstSeenDetector', () => {
  test('learns quietly during an identity’s first hour, then alerts on new values once', () => {
    const d = new FirstSeenDetector()
    expect(d.evaluate(ev(0, 'alice'))).toEqual([])
    expect(d.evaluate(ev(10 * 60_000, 'alice', { sourceIPs: ['192.0.2.2'] }))).toEqual([])
    const later = 2 * HOUR
    expect(d.evaluate(ev(later, 'alice'))).toEqual([])
    expect(ruleIds(d.evaluate(ev(later + 1, 'alice', { sourceIPs: ['198.51.100.9'], userAgent: 'curl/8.5.0' })))).toEqual(['builtin:first-seen-user-agent', 'builtin:first-seen-source-ip'])
    expect(d.evaluate(ev(later + 2, 'alice', { sourceIPs: ['198.51.100.9'], userAgent: 'curl/8.5.0' }))).toEqual([])
    expect(ruleIds(d.evaluate(ev(later + 3, 'alice', { objectRef: { namespace: 'kube-system' } })))).toEqual(['builtin:first-seen-kube-system'])
  })

  test('the baseline survives a restart through drainNew and the constructor', () => {
    const d = new FirstSeenDetector()
    d.evaluate(ev(0, 'alice'))
    const saved = d.drainNew()
    expect(saved.length).toBeGreaterThan(0)
    const restarted = new FirstSeenDetector(saved)
    expect(restarted.evaluate(ev(2 * HOUR, 'alice'))).toEqual([])
    expect(ruleIds(restarted.evaluate(ev(2 * HOUR, 'alice', { sourceIPs: ['203.0.113.5'] })))).toEqual(['builtin:first-seen-source-ip'])
  })

  test('pods and nodes changing private addresses raise nothing; a service-account token from a public address does', () => {
    const d = new FirstSeenDetector()
    const sa = 'system:serviceaccount:shop:app'
    d.evaluate(ev(0, sa, { sourceIPs: ['10.244.1.5'] }))
    expect(d.evaluate(ev(2 * HOUR, sa, { sourceIPs: ['10.244.7.9'] }))).toEqual([])
    expect(ruleIds(d.evaluate(ev(2 * HOUR + 1, sa, { sourceIPs: ['203.0.113.7'] })))).toEqual(['builtin:first-seen-source-ip'])
    d.evaluate(ev(0, 'system:node:n1', { sourceIPs: ['10.0.0.1'] }))
    expect(d.evaluate(ev(2 * HOUR, 'system:node:n1', { sourceIPs: ['10.0.0.2'], objectRef: { namespace: 'kube-system' }, userAgent: 'kubelet/v1.32' }))).toEqual([])
  })

  test('identities stay bounded', () => {
    const d = new FirstSeenDetector([], { maxIdentities: 50 })
    for (let i = 0; i < 1000; i++) d.evaluate(ev(i, `user${i}`))
    expect(d.size).toBe(50)
  })

  test('a worker’s newcomer filter passes exactly the events that can teach or alert, in any share of the stream', () => {
    // Two readers share the stream in blocks; the detector sees only what their filters pass, in order.
    const stream = Array.from({ length: 400 }, (_, i) => ev(i * 60_000, ['alice', 'bob', 'system:node:n1', 'ci'][i % 4], {
      // New addresses and agents keep coming after the first hour, repeated a few times each.
      sourceIPs: [`198.51.100.${i < 200 ? (i * 7) % 5 : 10 + (i % 13)}`], userAgent: i % 50 < 3 ? `curl/8.${i - (i % 50)}` : 'kubectl/v1.31.0', objectRef: { namespace: i % 90 === 1 ? 'kube-system' : 'shop' },
    }))
    const alone = new FirstSeenDetector()
    const all = stream.flatMap((e) => ruleIds(alone.evaluate(e)))
    const shared = new FirstSeenDetector()
    const filters = [shared.newcomerFilter(), shared.newcomerFilter()]
    const passed = stream.map((e, i) => filters[Math.floor(i / 25) % 2](e))
    const some = stream.flatMap((e, i) => (passed[i] ? ruleIds(shared.evaluate(e)) : []))
    expect(some).toEqual(all)
    expect(all.length).toBeGreaterThan(3)
    expect(passed.filter(Boolean).length).toBeLessThan(stream.length / 2)
  })

  test('a newcomer filter keeps passing a value the detector cannot learn (past its cap), and passes repeats of known ones never', () => {
    const d = new FirstSeenDetector([], { maxValuesPerIdentity: 1 })
    const filter = d.newcomerFilter()
    const curl = (ms: number) => ev(ms, 'alice', { userAgent: 'curl/8.5.0' })
    expect([ev(0, 'alice'), ev(1, 'alice'), curl(2), curl(3), curl(4), ev(5, 'alice')].map((e) => filter(e))).toEqual([true, false, true, true, true, false])
    // Past the first hour each of those curl events alerts: the detector never learned the agent.
    expect(ruleIds(d.evaluate(ev(0, 'alice')))).toEqual([])
    expect(ruleIds(d.evaluate(curl(2 * HOUR)))).toEqual(['builtin:first-seen-user-agent'])
    expect(ruleIds(d.evaluate(curl(2 * HOUR + 1)))).toEqual(['builtin:first-seen-user-agent'])
  })
})
