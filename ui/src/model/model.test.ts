import { describe, expect, test } from 'vitest'
import { formatDuration, formatRate, formatTime, objectLabel } from './format'
import { caretLines, withTerm } from './query-error'
import { loginUrl, matchRoute } from './route'
import { toSeries } from './series'

describe('ui model', () => {
  test('formats durations, times, rates and objects', () => {
    expect([formatDuration(45), formatDuration(720), formatDuration(5400), formatDuration(2 * 86_400), formatDuration(null)]).toEqual(['45 s', '12 min', '1.5 h', '2 d', '—'])
    expect(formatTime('2026-03-01T10:00:00.000Z')).toBe('2026-03-01 10:00:00 UTC')
    expect(formatRate(0.125)).toBe('12.5%')
    expect(objectLabel({ resource: 'pods', subresource: 'exec', namespace: 'prod', name: 'web' })).toBe('pods/exec prod/web')
  })

  test('points at a syntax error and edits query terms', () => {
    expect(caretLines('verb:create "x', 12)).toEqual(['verb:create "x', '            ^'])
    expect(caretLines('x', undefined)).toBeUndefined()
    expect(withTerm('verb:get user:bob', 'user', 'alice')).toBe('verb:get user:alice')
    expect(withTerm('', 'userAgent', 'kube ctl')).toBe('userAgent:"kube ctl"')
  })

  test('pivots per-cluster buckets into series', () => {
    expect(toSeries([{ start: 't1', cluster: 'b', count: 1 }, { start: 't2', cluster: 'a', count: 3 }])).toEqual({ x: ['t1', 't2'], series: [{ name: 'a', data: [0, 3] }, { name: 'b', data: [1, 0] }] })
  })

  test('routes, and login remembers the page, refusing other sites', () => {
    expect(matchRoute('/alerts/a%2Fb', '')).toEqual({ page: 'investigation', alertId: 'a/b' })
    expect(matchRoute('/login', '?next=%2Fsearch%3Fq%3Dx')).toEqual({ page: 'login', next: '/search?q=x' })
    expect(matchRoute('/login', '?next=//evil.example')).toEqual({ page: 'login', next: '/' })
    expect(loginUrl('/search', '?q=verb:get')).toBe('/login?next=%2Fsearch%3Fq%3Dverb%3Aget')
    expect(matchRoute('/nope', '')).toEqual({ page: 'notFound' })
  })
})
