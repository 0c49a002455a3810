import type { FastifyReply, FastifyRequest } from 'fastify'
import type {} from '@fastify/cookie'
import { timingSafeEqual } from 'node:crypto'
import { KubesiemError } from '../../core/index.js'
import { allows, type Role } from './roles.js'
import { CSRF_HEADER, SESSION_COOKIE, type SessionManager } from './sessions.js'
import type { StoredToken, TokenStore } from './tokens.js'

/** Who is calling: a person through a session, or automation through a token. */
export interface Principal {
  name: string
  role: Role
  via: 'token' | 'session'
}

declare module 'fastify' {
  interface FastifyRequest {
    credential?: StoredToken
    principal?: Principal
  }
  interface FastifyInstance {
    /** Set by buildApp; without it only bearer tokens authenticate. */
    sessions?: SessionManager
  }
  interface FastifyContextConfig {
    /** The least role a route needs; `public` routes need none. Read by the route-table test. */
    role?: Role | 'public'
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

async function authenticate(tokens: TokenStore, request: FastifyRequest): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  if (match) {
    const credential = tokens.verify(match[1]!)
    if (!credential) return undefined
    request.credential = credential
    return { name: `token:${credential.name}`, role: credential.role, via: 'token' }
  }
  const cookie = request.cookies?.[SESSION_COOKIE]
  const session = cookie && request.server.sessions ? await request.server.sessions.resolve(cookie) : undefined
  if (!session) return undefined
  // Double submit: a cross-site page can make the browser send the cookie, but cannot read it to echo it.
  const echoed = request.headers[CSRF_HEADER]
  if (!SAFE_METHODS.has(request.method) && (typeof echoed !== 'string' || !sameToken(echoed, session.csrf))) {
    throw new KubesiemError('KUBESIEM_AUTH_CSRF', { method: request.method, url: request.routeOptions.url ?? request.url })
  }
  return { name: session.user, role: session.role, via: 'session' }
}

/**
 * A preHandler that demands a bearer token or a session with at least `role`; 401 without one,
 * 403 when the role is too low or a session's unsafe request lacks its CSRF token.
 * @example app.get('/api/events', { preHandler: requireRole(tokens, 'viewer') }, handler)
 */
export function requireRole(tokens: TokenStore, role: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = await authenticate(tokens, request)
    if (!principal) throw new KubesiemError('KUBESIEM_AUTH_REQUIRED')
    if (!allows(principal.role, role)) throw new KubesiemError('KUBESIEM_AUTH_FORBIDDEN', { action: `use a route that needs the ${role} role (this credential is ${principal.role})` })
    request.principal = principal
  }
}

/**
 * Route options for a guarded route: the preHandler plus the role in the route config, so the
 * route table can be checked against it.
 * @example app.get('/api/rules', guarded(tokens, 'viewer'), handler)
 */
export function guarded(tokens: TokenStore, role: Role): { preHandler: ReturnType<typeof requireRole>; config: { role: Role } } {
  return { preHandler: requireRole(tokens, role), config: { role } }
}

/** The acting principal of a guarded route (guards always set it). */
export function actorOf(request: FastifyRequest): Principal {
  return request.principal ?? { name: 'unknown', role: 'viewer', via: 'token' }
}
