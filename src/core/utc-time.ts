// Events of one minute arrive together: each minute is parsed and checked once, not once per event.
let lastMinute = ''
let lastMinuteMs = 0

const digit = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : NaN
}

/**
 * Epoch milliseconds of a minute written `YYYY-MM-DDTHH:MM` (UTC), or undefined when it is not a
 * real minute (a rolled-over date such as February 30 does not format back to itself).
 * @example utcMinuteMs('2026-03-02T06:00') // 1772431200000
 */
export function utcMinuteMs(minute: string): number | undefined {
  if (minute === lastMinute) return lastMinuteMs
  const ms = Date.parse(`${minute}:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 16) !== minute) return undefined
  lastMinute = minute
  lastMinuteMs = ms
  return ms
}

/**
 * The parts of an RFC 3339 UTC timestamp with a `Z` (`2026-03-02T06:00:05.403915Z`): epoch
 * milliseconds of its whole second and its fraction as nanoseconds, or undefined for any other
 * layout (offsets, leap seconds), which callers hand to `Date.parse`. No Date per call.
 * @example utcParts('2026-03-02T06:00:05.5Z') // { secondMs: 1772431205000, nanos: 500000000 }
 */
export function utcParts(text: string): { secondMs: number; nanos: number } | undefined {
  const n = text.length
  if (n < 20 || n > 30 || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(16) !== 58 /* : */) return undefined
  const seconds = digit(text, 17) * 10 + digit(text, 18)
  if (!(seconds < 60)) return undefined
  let nanos = 0
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 /* . */ || n === 21) return undefined
    let scale = 100_000_000
    for (let i = 20; i < n - 1; i++, scale /= 10) {
      const d = digit(text, i)
      if (Number.isNaN(d)) return undefined
      nanos += d * scale
    }
  }
  // The same minute as the last timestamp: no slice, no lookup.
  const minuteMs = lastMinute !== '' && text.startsWith(lastMinute) ? lastMinuteMs : utcMinuteMs(text.slice(0, 16))
  return minuteMs === undefined ? undefined : { secondMs: minuteMs + seconds * 1000, nanos: Math.round(nanos) }
}

/**
 * Epoch milliseconds of a timestamp: the UTC fast path of {@link utcParts}, else `Date.parse`.
 * @example utcMs('2026-03-02T06:00:05.403Z') // 1772431205403
 */
export function utcMs(text: string): number {
  const parts = utcParts(text)
  return parts ? parts.secondMs + Math.floor(parts.nanos / 1_000_000) : Date.parse(text)
}

/**
 * Milliseconds (0–999) as the three digits of an ISO timestamp's fraction.
 * @example millisText(7) // '007'
 */
export function millisText(ms: number): string {
  return `${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}`
}

// The ISO text of the last minute formatted, up to its seconds: alerts of one minute share it.
let isoMinute = NaN
let isoMinutePrefix = ''

/**
 * `new Date(ms).toISOString()` for whole epoch milliseconds, formatting only the seconds and
 * milliseconds when the minute is the last one's: a Date's formatting cost ~1.8 µs, and alert
 * grouping formats the last-seen time of every hit. Anything else goes to a Date.
 * @example utcIso(1772431205403) // '2026-03-02T06:00:05.403Z'
 */
export function utcIso(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 253402300800000 /* year 10000 */) return new Date(ms).toISOString()
  const minute = Math.floor(ms / 60_000)
  if (minute !== isoMinute) {
    isoMinutePrefix = new Date(minute * 60_000).toISOString().slice(0, 17)
    isoMinute = minute
  }
  const rest = ms - minute * 60_000
  const seconds = Math.floor(rest / 1000)
  const milli = rest - seconds * 1000
  return `${isoMinutePrefix}${seconds < 10 ? '0' : ''}${seconds}.${millisText(milli)}Z`
}
