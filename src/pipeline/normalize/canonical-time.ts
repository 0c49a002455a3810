import { millisText, utcParts } from '../../core/index.js'

/**
 * An RFC 3339 UTC timestamp (`2026-03-02T06:00:05.403000Z`) as the canonical ISO form
 * `toISOString()` gives (milliseconds, truncated), without building a Date per event: parsing and
 * formatting a Date was a fifth of preparing an event. Anything else (an offset, a date
 * `Date.parse` would roll over such as February 30) is left to the caller.
 * @example canonicalUtc('2026-03-02T06:00:05.4039Z') // '2026-03-02T06:00:05.403Z'
 */
export function canonicalUtc(raw: string): string | undefined {
  const parts = utcParts(raw)
  if (!parts) return undefined
  const ms = Math.floor(parts.nanos / 1_000_000)
  return `${raw.slice(0, 19)}.${millisText(ms)}Z`
}
