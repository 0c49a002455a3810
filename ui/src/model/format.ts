/**
 * A duration in seconds for people: `45 s`, `12 min`, `3.5 h`, `2.1 d`; null is "—".
 * @example formatDuration(5400) // '1.5 h'
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—'
  if (seconds < 60) return `${Math.round(seconds)} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  if (seconds < 86_400) return `${Math.round((seconds / 3600) * 10) / 10} h`
  return `${Math.round((seconds / 86_400) * 10) / 10} d`
}

/** An ISO time as `YYYY-MM-DD HH:MM:SS` UTC, the audit log's own zone. */
export function formatTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '—'
}

/** A rate in [0, 1] as a percentage, or "—" without data. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}

/** The object an event touched: `pods/exec prod/web-1`. */
export function objectLabel(ref: { resource?: string; subresource?: string; namespace?: string; name?: string }): string {
  const kind = [ref.resource, ref.subresource].filter(Boolean).join('/')
  const where = [ref.namespace, ref.name].filter(Boolean).join('/')
  return [kind, where].filter(Boolean).join(' ') || '—'
}
