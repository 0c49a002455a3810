import { describe, expect, it } from 'vitest'
import { utcIso, utcMs, utcParts } from './utc-time.js'

describe('utc-time', () => {
  it('reads UTC timestamps like Date.parse, to the nanosecond', () => {
    for (const text of ['2026-03-02T06:00:05Z', '2026-03-02T06:00:05.4Z', '2026-03-02T06:00:59.999999999Z', '2024-02-29T23:59:00.123Z', '1970-01-01T00:00:00.000001Z']) {
      expect(utcMs(text), text).toBe(Date.parse(text))
    }
    expect(utcParts('2018-10-25T13:58:49.730588Z')).toEqual({ secondMs: Date.parse('2018-10-25T13:58:49Z'), nanos: 730_588_000 })
    expect(utcParts('2018-10-25T13:58:49.000000001Z')?.nanos).toBe(1)
  })
  it('leaves other layouts and impossible dates to Date.parse', () => {
    for (const text of ['2026-03-02T06:00:05+02:00', '2026-02-30T06:00:05Z', '2026-03-02T06:00:60Z', '2026-03-02T06:00:05.Z', '2026-03-02T06:00:05.1234567890Z', '2026-03-02 06:00:05Z', 'not a time']) {
      expect(utcParts(text), text).toBeUndefined()
    }
    expect(utcMs('2026-03-02T06:00:05+02:00')).toBe(Date.parse('2026-03-02T04:00:05Z'))
    expect(utcMs('not a time')).toBeNaN()
  })
  it('formats epoch milliseconds exactly as Date.toISOString, across minutes, years and the edges', () => {
    const samples = [0, 1, 999, 1000, 59_999, 60_000, 1772431205403, 1772431205009, 1772431259999, 1772431260000, 951782400000 /* 2000-02-29 */, 253402300799999, 4102444800000]
    for (let ms = 1772431100000; ms < 1772431400000; ms += 7919) samples.push(ms)
    for (const ms of samples) expect(utcIso(ms), String(ms)).toBe(new Date(ms).toISOString())
    // Out of the fast path's range: still Date's answer.
    for (const ms of [-1, -62198755200000, 253402300800000, 1.5]) expect(utcIso(ms), String(ms)).toBe(new Date(ms).toISOString())
  })
})
