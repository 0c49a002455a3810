import { describe, expect, test } from 'vitest'
import type { RuleHit } from '../rules/engine.js'
import { AlertGrouper } from './grouping.js'

let n = 0
const hit = (id: string, ms: number, extra: Partial<RuleHit> = {}, payload: Record<string, unknown> = { user: { username: 'mallory' }, objectRef: { namespace: 'shop', resource: 'pods', subresource: 'exec' } }): RuleHit => ({
  rule: { id: 'r1', title: 'Exec', source: 'sigma' }, severity: 'high', mitre: ['T1609'], summary: 's', eventIds: [id], firstMs: ms, lastMs: ms,
  event: { id, timeMs: ms, payload }, ...extra,
})

describe('AlertGrouper', () => {
  test('one exec writing two stages under one auditID is one alert with count 1', () => {
    const g = new AlertGrouper({ makeId: () => `a${++n}` })
    const first = g.add(hit('audit-1', 1000), 'c')
    const second = g.add(hit('audit-1', 1500), 'c')
    expect(second.id).toBe(first.id)
    expect(second).toMatchObject({ count: 1, eventIds: ['audit-1'], entity: { cluster: 'c', user: 'mallory', namespace: 'shop', resource: 'pods/exec' } })
  })

  test('repeats within the window fold with a count; after the window a new alert starts', () => {
    const g = new AlertGrouper({ windowMs: 60_000, makeId: () => `a${++n}` })
    const a = g.add(hit('e1', 0), 'c')
    const b = g.add(hit('e2', 30_000), 'c')
    expect(b).toMatchObject({ id: a.id, count: 2, firstSeen: new Date(0).toISOString(), lastSeen: new Date(30_000).toISOString() })
    const c = g.add(hit('e3', 200_000), 'c')
    expect(c.id).not.toBe(a.id)
    expect(c.count).toBe(1)
  })

  test('another entity (user, namespace, cluster) is another alert', () => {
    const g = new AlertGrouper({ makeId: () => `a${++n}` })
    const a = g.add(hit('e1', 0), 'c')
    expect(g.add(hit('e2', 1), 'other').id).not.toBe(a.id)
    expect(g.add(hit('e3', 2, {}, { user: { username: 'bob' }, objectRef: { namespace: 'shop', resource: 'pods', subresource: 'exec' } }), 'c').id).not.toBe(a.id)
  })

  test('open groups stay bounded', () => {
    const g = new AlertGrouper({ maxOpen: 100 })
    for (let i = 0; i < 1000; i++) g.add(hit(`e${i}`, i, {}, { user: { username: `u${i}` } }), 'c')
    expect(g.size).toBe(100)
  })
})
