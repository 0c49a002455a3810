import { describe, expect, test } from 'vitest'
import { RecentKeys } from './recent-keys.js'

describe('RecentKeys', () => {
  test('vouches only for events newer than what the store held at open', () => {
    const recent = new RecentKeys({ storedBeforeMs: 1_000 })
    expect(recent.covers(1_000)).toBe(false)
    expect(recent.covers(1_001)).toBe(true)
    recent.add([{ key: 'a/ResponseComplete', timeMs: 2_000 }])
    expect(recent.has('a/ResponseComplete')).toBe(true)
    expect(recent.has('b/ResponseComplete')).toBe(false)
  })

  test('stops vouching for the times of keys it forgot, by window or by count', () => {
    const recent = new RecentKeys({ windowMs: 100, maxKeys: 3 })
    recent.add([{ key: 'a', timeMs: 10 }, { key: 'b', timeMs: 20 }])
    recent.add([{ key: 'c', timeMs: 200 }])
    // a and b fell out of the window behind 200: events at their times need the database.
    expect(recent.has('a')).toBe(false)
    expect(recent.covers(20)).toBe(false)
    expect(recent.covers(21)).toBe(true)
    recent.add([{ key: 'd', timeMs: 201 }, { key: 'e', timeMs: 202 }, { key: 'f', timeMs: 203 }])
    expect(recent.has('c')).toBe(false)
    expect(recent.covers(200)).toBe(false)
    expect(recent.has('f')).toBe(true)
  })

  test('after a reset it vouches only for times newer than any it saw', () => {
    const recent = new RecentKeys()
    recent.add([{ key: 'a', timeMs: 500 }])
    recent.reset()
    expect(recent.has('a')).toBe(false)
    expect(recent.covers(500)).toBe(false)
    expect(recent.covers(501)).toBe(true)
  })
})
