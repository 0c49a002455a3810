import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AlertBus } from '../../alerting/bus.js'
import { KubesiemError, newId, type Alert } from '../../core/index.js'
import type { AlertTriage, Store } from '../../store/store.js'
import { recordAudit } from '../audit.js'
import { actorOf, guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'
import { transition, triageOf } from '../views/triage.js'

const Status = z.enum(['new', 'acknowledged', 'resolved', 'false_positive'])
const PatchSchema = z.object({ status: Status.exclude(['new']).optional(), assignee: z.string().max(200).nullable().optional(), comment: z.string().min(1).max(10_000).optional() })
const BulkSchema = PatchSchema.extend({ ids: z.array(z.string()).min(1).max(1000) })
const ENTITY_FIELDS = ['cluster', 'user', 'namespace', 'resource'] as const
const SuppressSchema = z.object({
  fields: z.array(z.enum(ENTITY_FIELDS)).min(1),
  // 30 days: long enough to cover a release cycle, short enough that a forgotten exception lapses.
  expiresInDays: z.number().positive().max(3650).default(30),
  reason: z.string().min(3).max(2000),
})

export interface TriageRouteOptions {
  store: Store
  tokens: TokenStore
  bus?: AlertBus
}

/**
 * Triage: status transitions (timestamped), assignee, comments, bulk actions, and "suppress
 * similar" exceptions. Analysts act; viewers read.
 * @example curl -X PATCH -H "Authorization: Bearer $T" -d '{"status":"acknowledged"}' …/api/alerts/<id>
 */
export async function triageRoutes(app: FastifyInstance, options: TriageRouteOptions): Promise<void> {
  const { store } = options
  const analyst = guarded(options.tokens, 'analyst')

  async function load(id: string): Promise<Alert> {
    const alert = await store.getAlert(id)
    if (!alert) throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `alert ${id}` })
    return alert
  }

  async function apply(request: FastifyRequest, alert: Alert, patch: z.infer<typeof PatchSchema>): Promise<Alert> {
    const by = actorOf(request).name
    const now = new Date().toISOString()
    let triage: AlertTriage = patch.status ? transition(alert, patch.status, by, now) : { ...triageOf(alert), updatedBy: by }
    if (patch.assignee !== undefined) triage = { ...triage, assignee: patch.assignee ?? undefined }
    if (patch.comment) triage = { ...triage, comments: [...triage.comments, { time: now, author: by, text: patch.comment }] }
    await store.setTriage(alert.id, triage)
    const action = patch.status ? `alert.${patch.status === 'acknowledged' && alert.status !== 'new' ? 'reopen' : patch.status}` : patch.comment ? 'alert.comment' : 'alert.assign'
    await recordAudit(store, request, action, alert.id, { from: alert.status, to: triage.status, assignee: triage.assignee })
    const updated = (await store.getAlert(alert.id))!
    options.bus?.publish([updated])
    return updated
  }

  app.get<{ Params: { id: string } }>('/api/alerts/:id', guarded(options.tokens, 'viewer'), async (request) => load(request.params.id))

  app.patch<{ Params: { id: string } }>('/api/alerts/:id', analyst, async (request) => apply(request, await load(request.params.id), parseBody(PatchSchema, request.body)))

  app.post('/api/alerts/bulk', analyst, async (request) => {
    const { ids, ...patch } = parseBody(BulkSchema, request.body)
    const results: { id: string; ok: boolean; error?: string }[] = []
    for (const id of ids) {
      try {
        await apply(request, await load(id), patch)
        results.push({ id, ok: true })
      } catch (error) {
        // One alert in a forbidden state must not stop the rest of the batch.
        results.push({ id, ok: false, error: error instanceof Error ? error.message : String(error) })
      }
    }
    return { results }
  })

  app.post<{ Params: { id: string } }>('/api/alerts/:id/suppress', analyst, async (request, reply) => {
    const alert = await load(request.params.id)
    const body = parseBody(SuppressSchema, request.body)
    const fields: Record<string, string> = {}
    for (const field of body.fields) {
      const value = alert.entity[field]
      if (value === undefined) throw new KubesiemError('KUBESIEM_API_BAD_QUERY', { field: 'fields', detail: `alert ${alert.id} has no ${field}` })
      fields[field] = value
    }
    const now = Date.now()
    const exception = { id: newId(), ruleId: alert.rule.id, fields, expiresAt: new Date(now + body.expiresInDays * 86_400_000).toISOString(), reason: body.reason, createdBy: actorOf(request).name, created: new Date(now).toISOString() }
    await store.upsertException(exception)
    await recordAudit(store, request, 'exception.create', exception.id, { ruleId: alert.rule.id, fields, fromAlert: alert.id, reason: body.reason })
    reply.code(201)
    return exception
  })

  app.get('/api/exceptions', guarded(options.tokens, 'viewer'), async () => ({ exceptions: await store.listExceptions() }))

  app.delete<{ Params: { id: string } }>('/api/exceptions/:id', analyst, async (request) => {
    if (!(await store.deleteException(request.params.id))) throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `exception ${request.params.id}` })
    await recordAudit(store, request, 'exception.delete', request.params.id)
    return { ok: true }
  })
}
