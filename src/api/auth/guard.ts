import type { FastifyReply, FastifyRequest } from 'fastify'
import { KubesiemError } from '../../core/index.js'
import { allows, type Role } from './roles.js'
import type { StoredToken, TokenStore } from './tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    credential?: StoredToken
  }
}

/**
 * A preHandler that demands a bearer token with at least `role`; 401 without one, 403 when the
 * role is too low.
 * @example app.get('/api/events', { preHandler: requireRole(tokens, 'viewer') }, handler)
 */
export function requireRole(tokens: TokenStore, role: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const credential = match ? tokens.verify(match[1]!) : undefined
    if (!credential) throw new KubesiemError('KUBESIEM_AUTH_REQUIRED')
    if (!allows(credential.role, role)) throw new KubesiemError('KUBESIEM_AUTH_FORBIDDEN', { action: `use a route that needs the ${role} role (this token is ${credential.role})` })
    request.credential = credential
  }
}
