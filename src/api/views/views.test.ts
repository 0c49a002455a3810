import { describe, expect, test } from 'vitest'
import type { Alert } from '../../core/index.js'
import { findAnomalies } from './anomalies.js'
import { toCsv } from './csv.js'
import { parseSearchQuery } from './search-query.js'
import { responseTimes, transition } from './triage.js'
import { exceptionMatches } from '../../alerting/suppress.js'
import { postureTrend, summarizePosture } from './posture-score.js'

const alert: Alert = {
  id: 'a1', rule: { id: 'r1', title: 'T', source: 'sigma' }, severity: 'high', mitre: [], eventIds: [], entity: { cluster: 'c', user: 'alice', namespace: 'prod' },
  firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z', count: 1, summary: '', status: 'new', detectedAt: '2026-03-01T10:00:30.000Z',
}

describe('search query bar', () => {
  test('field terms, aliases, quoted values and free text', () => {
    expect(parseSearchQuery('verb:create user:alice ns:"kube system" code:403 "exec into" pod')).toEqual({ verb: 'create', user: 'alice', namespace: 'kube system', responseCode: 403, text: 'exec into pod' })
    expect(parseSearchQuery('   ')).toEqual({})
  })

  test('syntax errors name the position and the problem', () => {
    const error = (q: string): { message: string; details: Record<string, unknown> } => {
      try {
        parseSearchQuery(q)
      } catch (e) {
        return e as { message: string; details: Record<string, unknown> }
      }
      throw new Error('no error')
    }
    expect(error('verb:create "oops').details.position).toBe(12)
    expect(error('verb:create "oops').message).toMatch(/unterminated quote/)
    expect(error('verb:get colour:red').message).toBe('search syntax error at position 9: unknown field "colour"')
    expect(error('user: alice').details.position).toBe(5)
    expect(error('code:abc').message).toMatch(/3-digit/)
    expect(error('verb:a verb:b').message).toMatch(/given twice/)
  })
})

describe('triage', () => {
  test('transitions are timestamped; forbidden ones are refused', () => {
    const acked = transition(alert, 'acknowledged', 'ann', '2026-03-01T10:05:00.000Z')
    expect(acked).toMatchObject({ status: 'acknowledged', ackAt: '2026-03-01T10:05:00.000Z', updatedBy: 'ann' })
    const resolved = transition({ ...alert, ...acked }, 'resolved', 'ann', '2026-03-01T11:00:00.000Z')
    expect(resolved).toMatchObject({ status: 'resolved', ackAt: '2026-03-01T10:05:00.000Z', resolvedAt: '2026-03-01T11:00:00.000Z' })
    expect(() => transition({ ...alert, ...resolved }, 'false_positive', 'ann', 'x')).toThrow(/cannot go from resolved to false_positive/)
    expect(transition({ ...alert, ...resolved }, 'acknowledged', 'ann', 'x').resolvedAt).toBeUndefined()
  })

  test('TTD, TTA and TTR: median and mean over the window', () => {
    const now = Date.parse('2026-03-02T00:00:00.000Z')
    const alerts = [
      { ...alert, ackAt: '2026-03-01T10:01:30.000Z', resolvedAt: '2026-03-01T10:10:30.000Z' },
      { ...alert, id: 'a2', detectedAt: '2026-03-01T10:01:00.000Z', ackAt: '2026-03-01T10:04:00.000Z' },
      { ...alert, id: 'old', detectedAt: '2026-01-01T00:00:00.000Z', firstSeen: '2026-01-01T00:00:00.000Z' },
    ]
    const times = responseTimes(alerts, 7, now)
    expect(times.ttd).toEqual({ count: 2, medianSeconds: 45, meanSeconds: 45 })
    expect(times.tta).toEqual({ count: 2, medianSeconds: 120, meanSeconds: 120 })
    expect(times.ttr).toEqual({ count: 1, medianSeconds: 600, meanSeconds: 600 })
    expect(responseTimes(alerts, 90, now).ttd.count).toBe(3)
  })

  test('an exception matches its rule and field values until it expires', () => {
    const ex = { id: 'x', ruleId: 'r1', fields: { user: 'alice' }, reason: 'r', createdBy: 'a', created: '' }
    expect(exceptionMatches(ex, alert, 0)).toBe(true)
    expect(exceptionMatches({ ...ex, fields: { user: 'bob' } }, alert, 0)).toBe(false)
    expect(exceptionMatches({ ...ex, ruleId: 'r2' }, alert, 0)).toBe(false)
    expect(exceptionMatches({ ...ex, expiresAt: '2026-01-01T00:00:00Z' }, alert, Date.parse('2026-02-01T00:00:00Z'))).toBe(false)
  })
})

describe('anomalies and export', () => {
  test('a verb far above its 24-hour baseline is flagged with its z-score', () => {
    const hour = Date.parse('2026-03-02T00:00:00.000Z')
    const buckets = Array.from({ length: 25 }, (_, i) => {
      const start = hour - (24 - i) * 3_600_000
      const last = i === 24
      return { start: new Date(start).toISOString(), total: 0, byVerb: { get: 10 + (i % 2), delete: last ? 40 : 1 }, byUser: {}, byNamespace: {}, byResource: {} }
    })
    const found = findAnomalies(buckets, hour)
    expect(found[0]).toMatchObject({ dimension: 'verb', key: 'delete', lastHour: 40, baselineMean: 1, flagged: true })
    expect(found.find((a) => a.key === 'get')!.flagged).toBe(false)
  })

  test('CSV quotes commas and neutralizes formulas', () => {
    const csv = toCsv([{ id: 'e1', time: 't', source: 's', cluster: 'c', stage: 'x', verb: 'get', user: { name: '=cmd()', groups: [] }, sourceIPs: ['1.2.3.4'], userAgent: 'a, "b"', objectRef: {}, requestURI: '', payload: {} }])
    expect(csv.split('\n')[1]).toBe(`t,c,get,'=cmd(),1.2.3.4,"a, ""b""",,,,,e1`)
  })
})

describe('posture score', () => {
  test('weights findings by severity, counts by control and namespace, and trends per run', () => {
    const f = (severity: 'high' | 'low', time: string) => ({ checkId: 'c', controls: ['pss:baseline:x'], severity, message: '', remediation: '', evidence: null, time, resource: { namespace: 'shop' } })
    const summary = summarizePosture([f('high', 't2'), f('low', 't2')])
    expect(summary).toMatchObject({ score: 94, total: 2, bySeverity: { high: 1, low: 1 }, byControl: { 'pss:baseline:x': 2 }, byNamespace: { shop: 2 } })
    expect(summary.method).toMatch(/critical 10, high 5/)
    expect(postureTrend([f('high', 't2'), f('low', 't2'), f('high', 't1'), f('high', 't1'), f('high', 't1')])).toEqual([{ time: 't1', score: 85 }, { time: 't2', score: 94 }])
  })
})
