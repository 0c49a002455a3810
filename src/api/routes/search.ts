import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { KubesiemError, newId } from '../../core/index.js'
import { FACET_FIELDS, type EventQuery, type Store } from '../../store/store.js'
import { actorOf, guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'
import { toCsv } from '../views/csv.js'
import { parseSearchQuery } from '../views/search-query.js'

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 time such as 2026-03-01T10:00:00Z')
const SearchQuery = z.object({
  q: z.string().max(4000).default(''),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['csv', 'json']).default('json'),
  bucketSeconds: z.coerce.number().int().min(1).max(31 * 86_400).optional(),
})
const SavedSchema = z.object({ name: z.string().min(1).max(200), query: z.string().max(4000) })

function toEventQuery(input: unknown): EventQuery & { format: 'csv' | 'json'; bucketSeconds?: number } {
  const q = parseBody(SearchQuery, input)
  return { ...parseSearchQuery(q.q), from: q.from, to: q.to, limit: q.limit, offset: q.offset, format: q.format, bucketSeconds: q.bucketSeconds }
}

// A histogram of ~60 bars whatever the range.
function bucketFor(query: EventQuery): number {
  const span = (query.to ? Date.parse(query.to) : Date.now()) - (query.from ? Date.parse(query.from) : Date.now() - 86_400_000)
  return Math.max(60, Math.round(span / 60 / 1000))
}

/**
 * Search over events with the query bar's syntax: results (paginated), facets and a histogram,
 * CSV/JSON export (up to 10 000 rows), and per-user saved searches.
 * @example curl -H "Authorization: Bearer $T" '…/api/search?q=verb:create%20user:alice&limit=50'
 */
export async function searchRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const { store } = options
  const viewer = guarded(options.tokens, 'viewer')

  app.get('/api/search', viewer, async (request) => {
    const query = toEventQuery(request.query)
    const page = await store.queryEvents(query)
    return { query: { ...query, format: undefined }, ...page }
  })

  app.get('/api/search/facets', viewer, async (request) => {
    const query = toEventQuery(request.query)
    const bucketSeconds = query.bucketSeconds ?? bucketFor(query)
    const [facets, buckets] = await Promise.all([store.facets(query, FACET_FIELDS, 10), store.clusterCounts(query, bucketSeconds)])
    const histogram = new Map<string, number>()
    for (const b of buckets) histogram.set(b.start, (histogram.get(b.start) ?? 0) + b.count)
    return { facets, bucketSeconds, histogram: [...histogram].map(([start, count]) => ({ start, count })) }
  })

  app.get('/api/search/export', viewer, async (request, reply) => {
    const query = toEventQuery({ limit: 10_000, ...(request.query as object) })
    const { events } = await store.queryEvents({ ...query, offset: 0 })
    void reply.header('content-disposition', `attachment; filename="kubesiem-events.${query.format}"`)
    if (query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(events))
    return reply.type('application/json').send(JSON.stringify(events))
  })

  app.get('/api/searches', viewer, async (request) => ({ searches: await store.listSavedSearches(actorOf(request).name) }))
  app.post('/api/searches', viewer, async (request, reply) => {
    const body = parseBody(SavedSchema, request.body)
    parseSearchQuery(body.query) // a saved search must run
    const search = { id: newId(), owner: actorOf(request).name, name: body.name, query: body.query, created: new Date().toISOString() }
    await store.saveSearch(search)
    reply.code(201)
    return search
  })
  app.delete<{ Params: { id: string } }>('/api/searches/:id', viewer, async (request) => {
    if (!(await store.deleteSavedSearch(actorOf(request).name, request.params.id))) throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `saved search ${request.params.id}` })
    return { ok: true }
  })
}
