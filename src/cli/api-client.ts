import { gzipSync } from 'node:zlib'
import { KubesiemError } from '../core/index.js'
import type { IngestReport } from '../pipeline/ingest.js'
import type { EventPage, EventQuery } from '../store/store.js'
import type { ServerTarget } from './server-link.js'

async function call<T>(target: ServerTarget, path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${target.url}${path}`, { ...init, headers: { authorization: `Bearer ${target.token}`, ...(init.headers ?? {}) } })
  } catch (error) {
    throw new KubesiemError('KUBESIEM_SERVER_UNREACHABLE', { url: target.url, detail: (error as Error).message })
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } }
  if (!response.ok) throw new KubesiemError('KUBESIEM_SERVER_UNREACHABLE', { url: target.url, detail: `${response.status} ${body.error?.message ?? response.statusText}` })
  return body
}

/**
 * The CLI's side of the API: the same routes and credentials the UI uses.
 * @example await searchEvents(target, { verb: 'create' })
 */
export function searchEvents(target: ServerTarget, query: EventQuery): Promise<EventPage> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
  return call<EventPage>(target, `/api/events?${params}`)
}

/** Post a batch of audit events (gzip) to the webhook route; answered once stored, with the counts. */
export function postEvents(target: ServerTarget, cluster: string, events: unknown[]): Promise<IngestReport> {
  return call<IngestReport>(target, `/ingest/k8s-audit/${encodeURIComponent(cluster)}?wait=stored`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify(events)),
  })
}
