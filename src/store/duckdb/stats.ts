import type { StatsBucket } from '../store.js'

/** One query: counts per bucket per dimension, folded into buckets by `statsFromRows`. */
export const STATS_SQL = (bucketSeconds: number, where: string): string => `
  WITH base AS (SELECT time_bucket(INTERVAL ${bucketSeconds} SECOND, time) AS bucket, verb, user_name, namespace, resource FROM events ${where})
  SELECT epoch_ms(bucket) AS ms, 'verb' AS dim, verb AS key, count(*)::INTEGER AS n FROM base GROUP BY ALL
  UNION ALL SELECT epoch_ms(bucket), 'user', user_name, count(*)::INTEGER FROM base GROUP BY ALL
  UNION ALL SELECT epoch_ms(bucket), 'namespace', coalesce(namespace, ''), count(*)::INTEGER FROM base GROUP BY ALL
  UNION ALL SELECT epoch_ms(bucket), 'resource', coalesce(resource, ''), count(*)::INTEGER FROM base GROUP BY ALL`

const DIMENSION_KEY = { verb: 'byVerb', user: 'byUser', namespace: 'byNamespace', resource: 'byResource' } as const

/** Fold (bucket, dimension, key, count) rows into one StatsBucket per bucket, oldest first. */
export function statsFromRows(rows: Record<string, unknown>[]): StatsBucket[] {
  const buckets = new Map<number, StatsBucket>()
  for (const row of rows) {
    const ms = Number(row.ms)
    let bucket = buckets.get(ms)
    if (!bucket) {
      bucket = { start: new Date(ms).toISOString(), total: 0, byVerb: {}, byUser: {}, byNamespace: {}, byResource: {} }
      buckets.set(ms, bucket)
    }
    const dim = String(row.dim) as keyof typeof DIMENSION_KEY
    const n = Number(row.n)
    bucket[DIMENSION_KEY[dim]][String(row.key ?? '')] = n
    if (dim === 'verb') bucket.total += n
  }
  return [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start))
}
