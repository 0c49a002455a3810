import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { KubesiemError } from '../../core/index.js'
import { requireRole } from '../auth/guard.js'
import { ROLES } from '../auth/roles.js'
import type { TokenStore } from '../auth/tokens.js'

const CreateTokenSchema = z.object({ name: z.string().min(1).max(100), role: z.enum(ROLES) })

/**
 * Admin-only token management: `POST /api/tokens {name, role}` answers the token once.
 * @example curl -X POST -H "Authorization: Bearer $ADMIN" -d '{"name":"apiserver","role":"ingest"}' …/api/tokens
 */
export async function tokenRoutes(app: FastifyInstance, options: { tokens: TokenStore }): Promise<void> {
  const guard = requireRole(options.tokens, 'admin')
  app.get('/api/tokens', { preHandler: guard }, async () => ({ tokens: options.tokens.list() }))
  app.post('/api/tokens', { preHandler: guard }, async (request, reply) => {
    const parsed = CreateTokenSchema.safeParse(request.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new KubesiemError('KUBESIEM_API_BAD_QUERY', { field: issue.path.join('.'), detail: issue.message })
    }
    const { token, record } = options.tokens.create(parsed.data.name, parsed.data.role)
    reply.code(201)
    return { token, id: record.id, name: record.name, role: record.role }
  })
}
