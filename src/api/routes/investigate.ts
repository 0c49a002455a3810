import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { KubesiemError, type Alert, type KubeEvent } from '../../core/index.js'
import type { Store } from '../../store/store.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'
import type { RbacSnapshot } from '../views/rbac-snapshot.js'

const HOUR = 3_600_000
const CanQuery = z.object({ user: z.string().min(1), groups: z.string().optional(), namespace: z.string().optional() })

function tally(values: string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count)
}

function objectOf(e: KubeEvent): string {
  const r = e.objectRef
  return [r.resource + (r.subresource ? `/${r.subresource}` : ''), r.namespace, r.name].filter(Boolean).join(' ')
}

/**
 * `GET /api/alerts/:id/investigation`: the identity's timeline ±1 h (what, from where, with what
 * client, what it touched), the target's history, the incident (alerts of the same user within
 * 1 h), what the identity can do (RBAC snapshot) and the target's posture findings.
 * `GET /api/rbac/can-list`: the RBAC evaluator for any identity.
 * @example curl -H "Authorization: Bearer $T" …/api/alerts/<id>/investigation
 */
export async function investigateRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore; rbac: RbacSnapshot }): Promise<void> {
  const { store, rbac } = options
  const viewer = guarded(options.tokens, 'viewer')

  app.get<{ Params: { id: string } }>('/api/alerts/:id/investigation', viewer, async (request) => {
    const alert = await store.getAlert(request.params.id)
    if (!alert) throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `alert ${request.params.id}` })
    const evidence = (await store.queryEvents({ ids: alert.eventIds.slice(0, 100), limit: 100 })).events
    const first = evidence[evidence.length - 1]
    const user = alert.entity.user ?? first?.user.name
    const from = new Date(Date.parse(alert.firstSeen) - HOUR).toISOString()
    const to = new Date(Date.parse(alert.lastSeen) + HOUR).toISOString()
    const timeline = user ? await store.queryEvents({ user, cluster: alert.entity.cluster, from, to, limit: 500 }) : { events: [], total: 0 }
    const ref = first?.objectRef
    const target = ref ? { resource: ref.resource, namespace: ref.namespace, name: ref.name } : undefined
    const history = target?.resource
      ? await store.queryEvents({ cluster: alert.entity.cluster, resource: target.resource, namespace: target.namespace, name: target.name, limit: 200 })
      : { events: [], total: 0 }
    const related: Alert[] = user ? (await store.queryAlerts({ user, cluster: alert.entity.cluster, from, limit: 200 })).alerts.filter((a) => Date.parse(a.firstSeen) <= Date.parse(to)) : [alert]
    const findings = target ? (await store.queryFindings({ cluster: alert.entity.cluster, limit: 100_000 })).filter((f) => f.resource?.namespace === target.namespace && (!target.name || f.resource?.name === target.name)) : []
    return {
      alert,
      evidence,
      identity: user ? {
        user,
        groups: first?.user.groups ?? [],
        timeline: timeline.events,
        timelineTotal: timeline.total,
        addresses: tally(timeline.events.flatMap((e) => e.sourceIPs)),
        userAgents: tally(timeline.events.map((e) => e.userAgent)),
        touched: tally(timeline.events.map(objectOf)).slice(0, 50),
      } : undefined,
      target: target ? { ...target, history: history.events, historyTotal: history.total, findings } : undefined,
      incident: { rule: 'same user within 1 hour', alerts: related.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen)) },
      canDo: user ? await rbac.canDo(user, first?.user.groups ?? [], target?.namespace) : { loaded: false, message: 'the alert names no identity' },
    }
  })

  app.get('/api/rbac/can-list', viewer, async (request) => {
    const q = parseBody(CanQuery, request.query)
    return rbac.canDo(q.user, q.groups ? q.groups.split(',') : [], q.namespace)
  })
}
