import cookie from '@fastify/cookie'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { readFileSync } from 'node:fs'
import type { AlertBus } from '../alerting/bus.js'
import type { Config } from '../config/schema.js'
import type { Store } from '../store/store.js'
import type { OidcLogin } from './auth/oidc.js'
import type { SessionManager } from './auth/sessions.js'
import type { TokenStore } from './auth/tokens.js'
import { handleError } from './error-handler.js'
import { authRoutes } from './routes/auth.js'
import { serveUi } from './routes/ui.js'
import { userRoutes } from './routes/users.js'
import { viewRoutes, type ViewDeps } from './routes/views.js'
import { alertStreamRoutes } from './routes/alert-stream.js'
import { alertRoutes } from './routes/alerts.js'
import { eventRoutes } from './routes/events.js'
import { ingestRoutes, type IngestRouteOptions } from './routes/ingest.js'
import { tokenRoutes } from './routes/tokens.js'
import { scrubTokens } from '../core/index.js'

export interface AppDeps {
  config: Config
  store: Store
  tokens: TokenStore
  accept: IngestRouteOptions['accept']
  gate?: IngestRouteOptions['gate']
  /** Resolves once every acknowledged batch is stored and through detection: reads wait for it. */
  settled?: () => Promise<void>
  /** Live alerts for `/api/alerts/stream`; without it the route is absent. */
  bus?: AlertBus
  /** Browser sessions; without them only bearer tokens authenticate. */
  sessions?: SessionManager
  oidc?: OidcLogin
  /** Live detection and posture context for the triage, overview, investigation and rules routes. */
  views?: Omit<ViewDeps, 'store' | 'tokens'>
  logLevel?: string
}

/** One registered route and the least role it needs (`public` or undefined for none). */
export interface RouteEntry {
  method: string
  url: string
  role?: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the test that checks each route with each role. */
    routeTable: RouteEntry[]
  }
}


// A read sees every batch the webhook acknowledged before it (the spool loads them a few tens of
// milliseconds later). A store that keeps failing must not hang the API: past a few seconds the
// read goes ahead on what is stored.
const SETTLE_WAIT_MS = 5000
const LIVE_STREAM = '/api/alerts/stream'

function readsAfterWrites(settled: () => Promise<void>): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/') || request.url.startsWith(LIVE_STREAM)) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([settled(), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS)))])
    clearTimeout(timer)
  }
}

/**
 * Build the HTTP app: `/healthz` open, everything else behind a bearer token.
 * @example const app = await buildApp({ config, store, tokens, accept: spool.accept.bind(spool) })
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const https = config.tls ? { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile) } : null
  const app = Fastify({
    ...(https ? { https } : {}),
    logger: {
      level: deps.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Request URLs may carry tokens (?access_token=): never log them as they came.
      serializers: { req: (req) => ({ method: req.method, url: scrubTokens(req.url), remoteAddress: req.ip }) },
    },
    // Large enough for an ingest batch; the ingest routes set their own, tighter limit.
    bodyLimit: config.ingest.maxBodyBytes,
    // Alert streams never end by themselves; closing the server must not wait for them.
    forceCloseConnections: true,
  }) as unknown as FastifyInstance
  app.setErrorHandler(handleError)
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, role: (route.config as { role?: string } | undefined)?.role })
  })
  await app.register(cookie)
  if (deps.sessions) app.decorate('sessions', deps.sessions)
  app.get('/healthz', { config: { role: 'public' } }, async () => ({ ok: true }))
  if (deps.settled) app.addHook('preHandler', readsAfterWrites(deps.settled))
  await app.register(ingestRoutes, { tokens: deps.tokens, accept: deps.accept, gate: deps.gate, defaultCluster: config.cluster, maxBodyBytes: config.ingest.maxBodyBytes })
  await app.register(eventRoutes, { store: deps.store, tokens: deps.tokens })
  await app.register(alertRoutes, { store: deps.store, tokens: deps.tokens })
  await app.register(tokenRoutes, { tokens: deps.tokens, store: deps.store })
  if (deps.bus) await app.register(alertStreamRoutes, { bus: deps.bus, tokens: deps.tokens })
  if (deps.sessions) await app.register(authRoutes, { store: deps.store, tokens: deps.tokens, sessions: deps.sessions, secure: Boolean(https), oidc: deps.oidc })
  await app.register(userRoutes, { store: deps.store, tokens: deps.tokens })
  if (deps.views) await app.register(viewRoutes, { ...deps.views, store: deps.store, tokens: deps.tokens })
  await app.register(serveUi)
  return app
}
