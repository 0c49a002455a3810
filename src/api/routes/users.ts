import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Store } from '../../store/store.js'
import { recordAudit } from '../audit.js'
import { guarded } from '../auth/guard.js'
import { hashPassword } from '../auth/passwords.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'

const UserSchema = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(['viewer', 'analyst', 'admin']),
  // NIST SP 800-63B: at least 8 characters for a chosen password.
  password: z.string().min(8).max(1000).optional(),
})

const AuditQuerySchema = z.object({ action: z.string().optional(), actor: z.string().optional(), limit: z.coerce.number().int().min(1).max(10_000).optional() })

/**
 * Admin only: local users (create, change role, reset password) and kubesiem's own audit trail.
 * @example curl -X POST -H "Authorization: Bearer $ADMIN" -d '{"name":"ann","role":"analyst","password":"…"}' …/api/users
 */
export async function userRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const { store } = options
  const admin = guarded(options.tokens, 'admin')
  app.get('/api/users', admin, async () => ({ users: (await store.listUsers()).map(({ passwordHash: _hidden, ...user }) => user) }))
  app.post('/api/users', admin, async (request, reply) => {
    const body = parseBody(UserSchema, request.body)
    const existing = await store.getUser(body.name)
    const passwordHash = body.password ? await hashPassword(body.password) : existing?.passwordHash
    await store.upsertUser({ name: body.name, role: body.role, source: existing?.source ?? 'local', passwordHash, created: existing?.created ?? new Date().toISOString() })
    await recordAudit(store, request, existing ? 'user.update' : 'user.create', body.name, { role: body.role, passwordChanged: Boolean(body.password) })
    reply.code(existing ? 200 : 201)
    return { name: body.name, role: body.role }
  })
  app.get('/api/audit', admin, async (request) => ({ entries: await store.queryAudit(parseBody(AuditQuerySchema, request.query)) }))
}
