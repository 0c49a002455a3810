import { describe, expect, test } from 'vitest'
import { canonicalUtc } from './canonical-time.js'

const viaDate = (raw: string): string => new Date(Date.parse(raw)).toISOString()

describe('canonicalUtc', () => {
  test('gives what toISOString gives, for every precision kube-apiserver writes', () => {
    for (const raw of ['2026-03-02T06:00:05Z', '2026-03-02T06:00:05.4Z', '2026-03-02T06:00:05.40Z', '2026-03-02T06:00:05.403Z', '2026-03-02T06:00:05.403999Z', '2026-03-02T06:00:05.999999999Z', '2024-02-29T23:59:59.1Z']) {
      expect(canonicalUtc(raw), raw).toBe(viaDate(raw))
    }
    // Many minutes in a row, as a log's clock moves on.
    for (let t = Date.parse('2026-12-31T23:00:00Z'); t < Date.parse('2027-01-01T01:00:00Z'); t += 7_777) {
      const raw = new Date(t).toISOString().replace('Z', '123Z')
      expect(canonicalUtc(raw), raw).toBe(viaDate(raw))
    }
  })

  test('leaves to Date whatever it would roll over or read differently', () => {
    for (const raw of ['2026-02-30T06:00:05Z', '2026-03-02T24:00:00Z', '2026-03-02T06:00:60Z', '2026-03-02T06:00:05+02:00', '2026-03-02 06:00:05Z', '2026-03-02T06:00:05.Z', '2026-03-02T06:00:05.12aZ', 'yesterday']) {
      expect(canonicalUtc(raw), raw).toBeUndefined()
    }
  })
})
