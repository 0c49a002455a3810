import { describe, expect, it } from 'vitest'
import { utcMs, utcParts } from './utc-time.js'

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
})
