import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { KubesiemError } from '../../core/index.js'
import type { Store, UserRole } from '../../store/store.js'
import { recordAudit } from '../audit.js'
import { actorOf, guarded } from '../auth/guard.js'
import { safeNext, type OidcLogin } from '../auth/oidc.js'
import { verifyPassword } from '../auth/passwords.js'
import { CSRF_COOKIE, SESSION_COOKIE, type SessionManager } from '../auth/sessions.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'

const LoginSchema = z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000) })

export interface AuthRouteOptions {
  store: Store
  tokens: TokenStore
  sessions: SessionManager
  secure: boolean
  oidc?: OidcLogin
}

/**
 * Login, logout and who-am-I for the browser; OIDC sign-in when configured.
 * @example curl -X POST -d '{"user":"admin","password":"…"}' -H 'content-type: application/json' …/api/auth/login
 */
export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { store, sessions } = options
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: options.secure, maxAge: sessions.maxAgeSeconds }

  async function startSession(reply: FastifyReply, user: string, role: UserRole): Promise<{ user: string; role: UserRole; csrf: string }> {
    const { cookie, session } = await sessions.create(user, role)
    void reply.setCookie(SESSION_COOKIE, cookie, { ...cookieBase, httpOnly: true })
    void reply.setCookie(CSRF_COOKIE, session.csrf, { ...cookieBase, httpOnly: false })
    return { user, role, csrf: session.csrf }
  }

  app.get('/api/auth/config', { config: { role: 'public' } }, async () => ({ oidc: Boolean(options.oidc), local: true }))

  app.post('/api/auth/login', { config: { role: 'public' } }, async (request, reply) => {
    const body = parseBody(LoginSchema, request.body)
    const user = await store.getUser(body.user)
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, body.password) : false
    if (!user || !ok) {
      await recordAudit(store, request, 'login.failed', body.user, undefined, body.user)
      throw new KubesiemError('KUBESIEM_AUTH_BAD_LOGIN')
    }
    await recordAudit(store, request, 'login', user.name, { via: 'password' }, user.name)
    return startSession(reply, user.name, user.role)
  })

  app.post('/api/auth/logout', guarded(options.tokens, 'viewer'), async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE]
    if (cookie) await sessions.destroy(cookie)
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    await recordAudit(store, request, 'logout')
    return { ok: true }
  })

  app.get('/api/auth/me', guarded(options.tokens, 'viewer'), async (request) => {
    const principal = actorOf(request)
    return { user: principal.name, role: principal.role, via: principal.via, csrf: request.cookies[CSRF_COOKIE] }
  })

  app.get('/api/auth/oidc/login', { config: { role: 'public' } }, async (request, reply) => {
    if (!options.oidc) throw new KubesiemError('KUBESIEM_AUTH_OIDC_OFF')
    const next = (request.query as { next?: string }).next
    return reply.redirect((await options.oidc.start(safeNext(next))).href)
  })

  app.get('/api/auth/oidc/callback', { config: { role: 'public' } }, async (request, reply) => {
    const oidc = options.oidc
    if (!oidc) throw new KubesiemError('KUBESIEM_AUTH_OIDC_OFF')
    const callback = new URL(request.url, oidc.settings.redirectUri)
    const { user, next } = await oidc.finish(callback)
    let record = await store.getUser(user)
    if (!record) {
      record = { name: user, role: oidc.settings.defaultRole, source: 'oidc', created: new Date().toISOString() }
      await store.upsertUser(record)
    }
    await startSession(reply, record.name, record.role)
    await recordAudit(store, request, 'login', record.name, { via: 'oidc' }, record.name)
    return reply.redirect(next)
  })
}
