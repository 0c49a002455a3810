/** The time modifiers of Sigma 2.1: they extract a number from a date value. */
export const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const
export type TimePart = (typeof TIME_PARTS)[number]

/**
 * Extract one part of a date (UTC; no time-zone conversion, as the spec warns). Numbers are epoch
 * milliseconds; strings go through Date.parse.
 * @example
 * timePart('2026-01-15T22:04:00Z', 'hour') // 22
 */
export function timePart(value: unknown, part: TimePart): number | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN
  if (!Number.isFinite(ms)) return undefined
  const d = new Date(ms)
  switch (part) {
    case 'minute':
      return d.getUTCMinutes()
    case 'hour':
      return d.getUTCHours()
    case 'day':
      return d.getUTCDate()
    case 'month':
      return d.getUTCMonth() + 1
    case 'year':
      return d.getUTCFullYear()
    case 'week':
      return isoWeek(d)
  }
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day)
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1)
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7)
}
