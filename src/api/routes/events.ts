import type { FastifyInstance } from 'fastify'
import type { Store } from '../../store/store.js'
import { parseEventQuery, parseStatsQuery } from '../../store/query-schema.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'

/**
 * `GET /api/events` (filters, time range, pagination) and `GET /api/stats` (counts by verb, user,
 * namespace and resource per time bucket).
 * @example curl -H "Authorization: Bearer $T" 'localhost:8470/api/events?verb=create&limit=20'
 */
export async function eventRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const guard = guarded(options.tokens, 'viewer')
  app.get('/api/events', guard, async (request) => options.store.queryEvents(parseEventQuery(request.query)))
  app.get('/api/stats', guard, async (request) => ({ buckets: await options.store.stats(parseStatsQuery(request.query)) }))
}
