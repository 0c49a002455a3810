// Audit events of one minute arrive together: the minute is parsed and checked once.
let lastMinute = ''

const isDigit = (code: number): boolean => code >= 48 && code <= 57

/**
 * An RFC 3339 UTC timestamp (`2026-03-02T06:00:05.403000Z`) as the canonical ISO form
 * `toISOString()` gives (milliseconds, truncated), without building a Date per event: parsing and
 * formatting a Date was a fifth of preparing an event. Anything else (an offset, a date
 * `Date.parse` would roll over such as February 30) is left to the caller.
 * @example canonicalUtc('2026-03-02T06:00:05.4039Z') // '2026-03-02T06:00:05.403Z'
 */
export function canonicalUtc(raw: string): string | undefined {
  const n = raw.length
  if (n < 20 || raw.charCodeAt(n - 1) !== 90 /* Z */ || raw.charCodeAt(16) !== 58 /* : */) return undefined
  const s1 = raw.charCodeAt(17)
  const s2 = raw.charCodeAt(18)
  if (!isDigit(s1) || !isDigit(s2) || s1 > 53 /* 5 */) return undefined
  let frac = ''
  if (n > 20) {
    if (raw.charCodeAt(19) !== 46 /* . */ || n === 21) return undefined
    for (let i = 20; i < n - 1; i++) if (!isDigit(raw.charCodeAt(i))) return undefined
    frac = raw.slice(20, Math.min(23, n - 1))
  } else if (raw.charCodeAt(19) !== 90) return undefined
  const minute = raw.slice(0, 16)
  if (minute !== lastMinute) {
    const ms = Date.parse(`${minute}:00Z`)
    // A rolled-over date (02-30, 24:00) or another layout does not format back to itself.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 16) !== minute) return undefined
    lastMinute = minute
  }
  return `${minute}:${raw[17]}${raw[18]}.${frac.padEnd(3, '0')}Z`
}
