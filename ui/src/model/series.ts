/** One time bucket of one cluster. */
export interface ClusterCount {
  start: string
  cluster: string
  count: number
}

/**
 * Pivot per-cluster buckets into chart series: shared x axis, one series per cluster, zeros filled.
 * @example toSeries([{ start: 't1', cluster: 'a', count: 2 }]) // { x: ['t1'], series: [{ name: 'a', data: [2] }] }
 */
export function toSeries(buckets: ClusterCount[]): { x: string[]; series: { name: string; data: number[] }[] } {
  const x = [...new Set(buckets.map((b) => b.start))].sort()
  const clusters = [...new Set(buckets.map((b) => b.cluster))].sort()
  const index = new Map(x.map((t, i) => [t, i]))
  const series = clusters.map((name) => {
    const data = new Array<number>(x.length).fill(0)
    for (const b of buckets) if (b.cluster === name) data[index.get(b.start)!] = b.count
    return { name, data }
  })
  return { x, series }
}

/** Sort severities the way people read them, most severe first. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const
