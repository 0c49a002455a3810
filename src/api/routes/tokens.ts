import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { KubesiemError } from '../../core/index.js'
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
    const parsed = CreateTokenSchema.safeParse(request.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new KubesiemError('KUBESIEM_API_BAD_QUERY', { field: issue.path.join('.'), detail: issue.message })
    }
    const { token, record } = options.tokens.create(parsed.data.name, parsed.data.role)
    await recordAudit(options.store, request, 'token.create', parsed.data.name, { role: parsed.data.role })
    reply.code(201)
    return { token, id: record.id, name: record.name, role: record.role }
  })
}
