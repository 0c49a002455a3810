import { describe, expect, test } from 'vitest'
import { GroupWindows, WindowEntries, type WindowEntry } from './correlation-window.js'

describe('WindowEntries', () => {
  test('drops from the front, keeps order across compactions, and counts only live entries', () => {
    const q = new WindowEntries()
    const gone: number[] = []
    for (let t = 0; t < 1000; t++) {
      q.push({ t, ref: 0 })
      if (q.length > 100) q.dropOldest(q.length - 100, (e) => gone.push(e.t))
    }
    expect(q.length).toBe(100)
    expect(q.at(0)?.t).toBe(900)
    expect(q.at(99)?.t).toBe(999)
    expect(q.at(100)).toBeUndefined()
    expect([...q].map((e) => e.t)).toEqual(Array.from({ length: 100 }, (_, i) => 900 + i))
    expect(gone).toEqual(Array.from({ length: 900 }, (_, i) => i))
  })
})

describe('GroupWindows', () => {
  test('a busy group slides: values leave the tallies as their entries leave the timespan', () => {
    const w = new GroupWindows({ timespanMs: 100, maxGroups: 10, maxEventsPerGroup: 10_000 })
    let state
    // Ten distinct values, then 5,000 entries of one value: after 100 ms only that value is left.
    for (let t = 0; t < 10; t++) state = w.add('g', { user: 'g' }, { t, ref: 0, value: `v${t}` } satisfies WindowEntry)
    expect(state!.values.size).toBe(10)
    for (let i = 0; i < 5000; i++) state = w.add('g', { user: 'g' }, { t: 10 + i / 10, ref: 0, value: 'same' })
    expect(state!.values.size).toBe(1)
    expect(state!.entries.length).toBe(1001)
    expect(state!.entries.at(0)!.t).toBeGreaterThanOrEqual(state!.lastMs - 100)
  })

  test('maxEventsPerGroup bounds a group however fast it grows', () => {
    const w = new GroupWindows({ timespanMs: 1e9, maxGroups: 10, maxEventsPerGroup: 50 })
    let state
    for (let t = 0; t < 500; t++) state = w.add('g', { user: 'g' }, { t, ref: t % 2, value: String(t) })
    expect(state!.entries.length).toBe(50)
    expect(state!.values.size).toBe(50)
    expect(state!.sum).toBe(Array.from({ length: 50 }, (_, i) => 450 + i).reduce((a, b) => a + b))
  })
})
