import type { FastifyInstance } from 'fastify'
import type { AlertBus } from '../../alerting/bus.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'

// Proxies close idle connections after about a minute; a comment line keeps the stream open.
const HEARTBEAT_MS = 15_000

/**
 * `GET /api/alerts/stream`: new and updated alerts as server-sent events (`event: alert`).
 * @example curl -N -H "Authorization: Bearer $T" localhost:8470/api/alerts/stream
 */
export async function alertStreamRoutes(app: FastifyInstance, options: { bus: AlertBus; tokens: TokenStore }): Promise<void> {
  // No HEAD twin: a hijacked stream would never end a HEAD response.
  app.get('/api/alerts/stream', { ...guarded(options.tokens, 'viewer'), exposeHeadRoute: false }, (request, reply) => {
    reply.hijack()
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    reply.raw.write(': connected\n\n')
    const unsubscribe = options.bus.subscribe((alert) => reply.raw.write(`event: alert\nid: ${alert.id}\ndata: ${JSON.stringify(alert)}\n\n`))
    const heartbeat = setInterval(() => reply.raw.write(': heartbeat\n\n'), HEARTBEAT_MS)
    request.raw.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  })
}
