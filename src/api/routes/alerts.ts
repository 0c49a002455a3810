import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { parseBody } from '../parse.js'
import type { Store } from '../../store/store.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'

const AlertQuerySchema = z.object({
  cluster: z.string().optional(),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']).optional(),
  ruleId: z.string().optional(),
  status: z.enum(['new', 'acknowledged', 'resolved', 'false_positive']).optional(),
  namespace: z.string().optional(),
  user: z.string().optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})

/**
 * `GET /api/alerts` and `GET /api/findings`: what detection and posture stored.
 * @example curl -H "Authorization: Bearer $T" 'localhost:8470/api/alerts?severity=high'
 */
export async function alertRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const guard = guarded(options.tokens, 'viewer')
  app.get('/api/alerts', guard, async (request) => {
    return options.store.queryAlerts(parseBody(AlertQuerySchema, request.query))
  })
  app.get('/api/findings', guard, async (request) => {
    const query = request.query as Record<string, string | undefined>
    return { findings: await options.store.queryFindings({ checkId: query.checkId, severity: query.severity, cluster: query.cluster }) }
  })
}
