import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Alert, Finding } from '../../core/index.js'
import type { Store } from '../../store/store.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'
import { ANOMALY_METHOD, findAnomalies } from '../views/anomalies.js'
import { isExposure, postureTrend, summarizePosture } from '../views/posture-score.js'
import { responseTimes } from '../views/triage.js'

const HOUR = 3_600_000
const OverviewQuery = z.object({ hours: z.coerce.number().int().min(1).max(24 * 30).default(24), cluster: z.string().optional() })

/** Alerts per cluster per bucket, by when they first fired. */
function alertBuckets(alerts: Alert[], fromMs: number, bucketMs: number): { start: string; cluster: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const a of alerts) {
    const ms = Date.parse(a.firstSeen)
    if (ms < fromMs) continue
    const key = `${Math.floor(ms / bucketMs) * bucketMs}\u0000${a.entity.cluster}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([key, count]) => {
    const [ms, cluster] = key.split('\u0000')
    return { start: new Date(Number(ms)).toISOString(), cluster: cluster!, count }
  }).sort((a, b) => a.start.localeCompare(b.start) || a.cluster.localeCompare(b.cluster))
}

// The score is of the newest run; older runs make the trend.
function latestRun(findings: Finding[]): Finding[] {
  const newest = findings.reduce((max, f) => ((f.time ?? '') > max ? (f.time ?? '') : max), '')
  return findings.filter((f) => (f.time ?? '') === newest)
}

/**
 * `GET /api/overview`: the single screen's numbers in one answer.
 * @example curl -H "Authorization: Bearer $T" '…/api/overview?hours=24'
 */
export async function overviewRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const { store } = options
  app.get('/api/overview', guarded(options.tokens, 'viewer'), async (request) => {
    const q = parseBody(OverviewQuery, request.query)
    const now = Date.now()
    // The last complete clock hour: a partial hour would always look quiet.
    const hourStart = Math.floor(now / HOUR) * HOUR - HOUR
    const from = new Date(now - q.hours * HOUR).toISOString()
    const bucketSeconds = q.hours <= 48 ? 3600 : 86_400
    const [events, stats, recent, findings] = await Promise.all([
      store.clusterCounts({ from, cluster: q.cluster }, bucketSeconds),
      store.stats({ from: new Date(hourStart - 24 * HOUR).toISOString(), to: new Date(hourStart + HOUR).toISOString(), cluster: q.cluster, bucketSeconds: 3600 }),
      store.queryAlerts({ from: new Date(now - 30 * 86_400_000).toISOString(), cluster: q.cluster, limit: 10_000 }),
      store.queryFindings({ cluster: q.cluster, limit: 100_000 }),
    ])
    const alerts = recent.alerts
    const open = alerts.filter((a) => a.status === 'new' || a.status === 'acknowledged')
    const openBySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
    for (const a of open) openBySeverity[a.severity] = (openBySeverity[a.severity] ?? 0) + 1
    const rules = new Map<string, { ruleId: string; title: string; count: number }>()
    for (const a of alerts.filter((x) => Date.parse(x.lastSeen) >= Date.parse(from))) {
      const entry = rules.get(a.rule.id) ?? { ruleId: a.rule.id, title: a.rule.title, count: 0 }
      entry.count += 1
      rules.set(a.rule.id, entry)
    }
    return {
      from, to: new Date(now).toISOString(), bucketSeconds,
      eventsOverTime: events,
      alertsOverTime: alertBuckets(alerts, Date.parse(from), bucketSeconds * 1000),
      anomalies: { method: ANOMALY_METHOD, hourStart: new Date(hourStart).toISOString(), items: findAnomalies(stats, hourStart) },
      openBySeverity,
      topRules: [...rules.values()].sort((a, b) => b.count - a.count).slice(0, 10),
      responseTimes: { days7: responseTimes(alerts, 7, now), days30: responseTimes(alerts, 30, now) },
      posture: summarizePosture(latestRun(findings.filter((f) => !isExposure(f)))),
      postureTrend: postureTrend(findings.filter((f) => !isExposure(f))).slice(-30),
      exposed: findings.filter(isExposure).slice(0, 50),
    }
  })
}
