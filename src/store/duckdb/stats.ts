import type { StatsBucket } from '../store.js'

/**
 * One query: counts per bucket per dimension, folded into buckets by `statsFromRows`. One scan
 * with GROUPING SETS (about twice as fast as a UNION ALL of four GROUP BYs at 3M events);
 * GROUPING() tells the sets apart: 7 = verb, 11 = user, 13 = namespace, 14 = resource.
 */
export const STATS_SQL = (bucketSeconds: number, where: string): string => `
  SELECT ms,
    CASE g WHEN 7 THEN 'verb' WHEN 11 THEN 'user' WHEN 13 THEN 'namespace' ELSE 'resource' END AS dim,
    CASE g WHEN 7 THEN verb WHEN 11 THEN user_name WHEN 13 THEN coalesce(namespace, '') ELSE coalesce(resource, '') END AS key, n
  FROM (
    SELECT epoch_ms(time_bucket(INTERVAL ${bucketSeconds} SECOND, time)) AS ms, verb, user_name, namespace, resource,
      GROUPING(verb, user_name, namespace, resource) AS g, count(*)::INTEGER AS n
    FROM events ${where}
    GROUP BY GROUPING SETS ((ms, verb), (ms, user_name), (ms, namespace), (ms, resource)))`

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
