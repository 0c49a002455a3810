import type { StatsBucket } from '../../store/store.js'

/** Stated with every answer and on screen, so an analyst knows what "unusual" means here. */
export const ANOMALY_METHOD =
  'z-score of the last complete hour\'s count against the previous 24 hourly buckets (mean and standard deviation; hours without events count as 0; the deviation is floored at 1 so a quiet key is not flagged for one request); |z| >= 3 is flagged'

export interface Anomaly {
  dimension: 'verb' | 'user' | 'namespace'
  key: string
  lastHour: number
  baselineMean: number
  baselineStd: number
  z: number
  flagged: boolean
}

const DIMENSIONS = [['verb', 'byVerb'], ['user', 'byUser'], ['namespace', 'byNamespace']] as const

/**
 * Volume anomalies per verb, identity and namespace: the bucket starting at `lastHourStartMs`
 * against the 24 hourly buckets before it. Sorted by |z|, strongest first.
 * @example findAnomalies(await store.stats({ from, bucketSeconds: 3600 }), hourStart)
 */
export function findAnomalies(buckets: StatsBucket[], lastHourStartMs: number, top = 15): Anomaly[] {
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b]))
  const last = byStart.get(lastHourStartMs)
  const baseline = Array.from({ length: 24 }, (_, i) => byStart.get(lastHourStartMs - (24 - i) * 3_600_000))
  const out: Anomaly[] = []
  for (const [dimension, field] of DIMENSIONS) {
    const keys = new Set<string>(Object.keys(last?.[field] ?? {}))
    for (const b of baseline) for (const key of Object.keys(b?.[field] ?? {})) keys.add(key)
    for (const key of keys) {
      const series = baseline.map((b) => b?.[field][key] ?? 0)
      const mean = series.reduce((a, b) => a + b, 0) / series.length
      const std = Math.sqrt(series.reduce((a, b) => a + (b - mean) ** 2, 0) / series.length)
      const lastHour = last?.[field][key] ?? 0
      const z = (lastHour - mean) / Math.max(std, 1)
      out.push({ dimension, key, lastHour, baselineMean: round(mean), baselineStd: round(std), z: round(z), flagged: Math.abs(z) >= 3 })
    }
  }
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, top)
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
