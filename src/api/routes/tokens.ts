import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { parseBody } from '../parse.js'
import { guarded } from '../auth/guard.js'
import { ROLES } from '../auth/roles.js'
import type { TokenStore } from '../auth/tokens.js'
import type { Store } from '../../store/store.js'
import { recordAudit } from '../audit.js'

const CreateTokenSchema = z.object({ name: z.string().min(1).max(100), role: z.enum(ROLES) })

/**
 * Admin-only token management: `POST /api/tokens {name, role}` answers the token once.
 * @example curl -X POST -H "Authorization: Bearer $ADMIN" -d '{"name":"apiserver","role":"ingest"}' …/api/tokens
 */
export async function tokenRoutes(app: FastifyInstance, options: { tokens: TokenStore; store: Store }): Promise<void> {
  const guard = guarded(options.tokens, 'admin')
  app.get('/api/tokens', guard, async () => ({ tokens: options.tokens.list() }))
  app.post('/api/tokens', guard, async (request, reply) => {
    const body = parseBody(CreateTokenSchema, request.body)
    const { token, record } = options.tokens.create(body.name, body.role)
    await recordAudit(options.store, request, 'token.create', body.name, { role: body.role })
    reply.code(201)
    return { token, id: record.id, name: record.name, role: record.role }
  })
}
