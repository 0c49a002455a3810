import type { FastifyRequest } from 'fastify'
import type { Store } from '../store/store.js'
import { actorOf } from './auth/guard.js'

/**
 * Record one of kubesiem's own actions in the audit trail, by the calling principal.
 * @example await recordAudit(store, request, 'alert.acknowledge', alert.id, { from: 'new' })
 */
export async function recordAudit(store: Store, request: FastifyRequest, action: string, target?: string, detail?: Record<string, unknown>, actor?: string): Promise<void> {
  await store.appendAudit({ time: new Date().toISOString(), actor: actor ?? actorOf(request).name, action, target, detail: { ...detail, ip: request.ip } })
}
