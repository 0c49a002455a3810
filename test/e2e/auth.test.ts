import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allows, ROLES, type Role } from '../../src/api/auth/roles.js'
import { startTestServer } from './helpers.js'

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
const tokens = {} as Record<Role, string>

async function call(path: string, init: RequestInit & { token?: string; cookie?: string; csrf?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.cookie) headers.cookie = init.cookie
  if (init.csrf) headers['x-csrf-token'] = init.csrf
  if (init.body) headers['content-type'] = 'application/json'
  return fetch(`${server.url}${path}`, { ...init, headers, redirect: 'manual' })
}

async function login(user: string, password: string): Promise<{ cookie: string; csrf: string; setCookie: string[] }> {
  const res = await call('/api/auth/login', { method: 'POST', body: JSON.stringify({ user, password }) })
  expect(res.status).toBe(200)
  const setCookie = res.headers.getSetCookie()
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ')
  return { cookie, csrf: ((await res.json()) as { csrf: string }).csrf, setCookie }
}

beforeAll(async () => {
  server = await startTestServer()
  tokens.admin = server.token
  for (const role of ['ingest', 'viewer', 'analyst'] as const) {
    const res = await call('/api/tokens', { method: 'POST', token: server.token, body: JSON.stringify({ name: `t-${role}`, role }) })
    tokens[role] = ((await res.json()) as { token: string }).token
  }
})
afterAll(async () => {
  await server?.close()
})

describe('local users and sessions', () => {
  test('the first admin logs in with the printed password; cookies are HttpOnly and SameSite', async () => {
    expect(server.adminPassword).toMatch(/^[\w-]{24}$/)
    expect((await call('/api/auth/login', { method: 'POST', body: JSON.stringify({ user: 'admin', password: 'wrong-password' }) })).status).toBe(401)
    const session = await login('admin', server.adminPassword!)
    const sessionCookie = session.setCookie.find((c) => c.startsWith('ks_session='))!
    expect(sessionCookie).toMatch(/HttpOnly/i)
    expect(sessionCookie).toMatch(/SameSite=Strict/i)
    expect(sessionCookie).not.toMatch(/Secure/) // no TLS in this test: Secure is set only with TLS
    const me = await call('/api/auth/me', { cookie: session.cookie })
    expect(await me.json()).toMatchObject({ user: 'admin', role: 'admin', via: 'session' })
  })

  test('unsafe requests of a session need the CSRF token; bearer tokens do not', async () => {
    const session = await login('admin', server.adminPassword!)
    const body = JSON.stringify({ name: 'ann', role: 'analyst', password: 'ann-password-1' })
    const noCsrf = await call('/api/users', { method: 'POST', cookie: session.cookie, body })
    expect(noCsrf.status).toBe(403)
    expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('KUBESIEM_AUTH_CSRF')
    expect((await call('/api/users', { method: 'POST', cookie: session.cookie, csrf: 'forged', body })).status).toBe(403)
    expect((await call('/api/users', { method: 'POST', cookie: session.cookie, csrf: session.csrf, body })).status).toBe(201)
    const ann = await login('ann', 'ann-password-1')
    expect((await call('/api/users', { cookie: ann.cookie })).status).toBe(403)
    expect((await call('/api/alerts', { cookie: ann.cookie })).status).toBe(200)
    expect((await call('/api/alerts', { token: tokens.viewer })).status).toBe(200)
  })

  test('logout ends the session', async () => {
    const session = await login('admin', server.adminPassword!)
    expect((await call('/api/auth/logout', { method: 'POST', cookie: session.cookie, csrf: session.csrf })).status).toBe(200)
    expect((await call('/api/auth/me', { cookie: session.cookie })).status).toBe(401)
  })

  test('the audit trail records logins, failures and user changes, for admins only', async () => {
    const res = await call('/api/audit?limit=100', { token: tokens.admin })
    const { entries } = (await res.json()) as { entries: { action: string; actor: string; target?: string }[] }
    const actions = entries.map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['login', 'login.failed', 'logout', 'user.create', 'token.create']))
    expect(entries.find((e) => e.action === 'user.create')).toMatchObject({ actor: 'admin', target: 'ann' })
    expect((await call('/api/audit', { token: tokens.analyst })).status).toBe(403)
  })
})

describe('every route enforces its role', () => {
  test('each /api and /ingest route: 401 without credentials, 403 below its role, allowed at or above it', async () => {
    const routes = server.app.routeTable.filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/ingest/'))
    expect(routes.length).toBeGreaterThan(40)
    const problems: string[] = []
    const unguarded = routes.filter((r) => r.role === undefined && !r.url.startsWith('/ingest/'))
    for (const r of unguarded) problems.push(`${r.method} ${r.url} declares no role`)
    const publicRoutes = routes.filter((r) => r.role === 'public').map((r) => `${r.method} ${r.url}`)
    expect(publicRoutes.filter((r) => !r.startsWith('HEAD'))).toEqual(['GET /api/auth/config', 'POST /api/auth/login', 'GET /api/auth/oidc/login', 'GET /api/auth/oidc/callback'])
    for (const route of routes.filter((r) => r.role !== 'public')) {
      const required = (route.role ?? 'ingest') as Role
      const path = route.url.replace(/:\w+/g, 'x').replace(/\*/g, 'x')
      const probe = async (token?: string): Promise<number> => {
        const abort = new AbortController()
        const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method)
        const res = await call(path, { method: route.method, token, body: hasBody ? '{}' : undefined, signal: abort.signal })
        if (route.url.endsWith('/stream')) abort.abort() // the alert stream never ends by itself
        else await res.arrayBuffer()
        return res.status
      }
      const anonymous = await probe()
      if (anonymous !== 401) problems.push(`${route.method} ${route.url} without credentials: ${anonymous}`)
      for (const role of ROLES) {
        const status = await probe(tokens[role])
        const allowed = allows(role, required)
        if (allowed && (status === 401 || status === 403)) problems.push(`${route.method} ${route.url} as ${role}: ${status}, expected allowed`)
        if (!allowed && status !== 403) problems.push(`${route.method} ${route.url} as ${role}: ${status}, expected 403`)
      }
    }
    expect(problems).toEqual([])
  })
})
