import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { KubesiemError } from '../../core/index.js'

/** Where `vite build ui` writes: dist/ui, two folders above both src/api/routes and dist/api/routes. */
export const UI_DIR = resolve(import.meta.dirname, '../../../dist/ui')

/**
 * Serve the built UI at `/`; any other GET outside /api and /ingest answers index.html so the
 * browser's routes (/alerts/…) survive a reload. Without a build, `/` says how to make one.
 * @example await app.register(serveUi)
 */
export async function serveUi(app: FastifyInstance, options: { dir?: string } = {}): Promise<void> {
  const dir = options.dir ?? UI_DIR
  if (!existsSync(resolve(dir, 'index.html'))) {
    app.get('/', { config: { role: 'public' } }, async (_request, reply) => reply.type('text/plain').send('kubesiem API is running; the UI is not built (run `vite build ui`).'))
    return
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: 'index.html' })
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/ingest/')) {
      throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `route ${request.method} ${request.url.split('?')[0]}` })
    }
    return reply.sendFile('index.html')
  })
}
