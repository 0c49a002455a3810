import type { FastifyInstance, FastifyRequest } from 'fastify'
import { gunzipSync } from 'node:zlib'
import { KubesiemError, type ForegroundGate } from '../../core/index.js'
import type { IngestReport } from '../../pipeline/ingest.js'
import type { IngestAck } from '../../pipeline/spool.js'
import type { SourceRecord } from '../../pipeline/stages.js'
import { requireRole } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'

export interface IngestRouteOptions {
  tokens: TokenStore
  /** Spool the records; with `wait`, resolve once they are stored, with the full report. */
  accept: (records: SourceRecord[], options: { wait: boolean }) => Promise<IngestAck | IngestReport>
  defaultCluster: string
  maxBodyBytes: number
  /** Held from a post's first byte to its answer: background work on this thread waits for it. */
  gate?: ForegroundGate
}

const HOLDS_GATE = Symbol('kubesiem.holdsGate')

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeBody(body: Buffer, encoding: string | undefined, limit: number, where: string): unknown {
  let bytes = body
  if (encoding === 'gzip' || (body[0] === 0x1f && body[1] === 0x8b)) {
    try {
      bytes = gunzipSync(body, { maxOutputLength: limit })
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      if (e.code === 'ERR_BUFFER_TOO_LARGE') throw new KubesiemError('KUBESIEM_INGEST_BODY_TOO_LARGE', { limit })
      throw new KubesiemError('KUBESIEM_INGEST_BAD_GZIP', { where, detail: e.message })
    }
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new KubesiemError('KUBESIEM_INGEST_BAD_UTF8', { where })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new KubesiemError('KUBESIEM_INGEST_BAD_JSON', { where, detail: (error as Error).message })
  }
}

/**
 * The audit webhook: kube-apiserver POSTs an EventList (or a bare Event, or an array) with the
 * bearer token of its webhook kubeconfig. It waits for the answer, which comes once the redacted
 * batch is flushed to the spool on disk (see IngestSpool); `?wait=stored` answers once the batch
 * is in the store instead, with stored and duplicate counts (the CLI's ingest uses it).
 * @example app.register(ingestRoutes, { tokens, accept: spool.accept, defaultCluster: 'prod', maxBodyBytes })
 */
export async function ingestRoutes(app: FastifyInstance, options: IngestRouteOptions): Promise<void> {
  // Encapsulated: only these routes take raw bodies (gzip, invalid UTF-8 must reach our checks).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxBodyBytes }, (_req, body, done) => done(null, body))
  const guard = requireRole(options.tokens, 'ingest')
  const { gate } = options
  if (gate) {
    app.addHook('onRequest', async (request) => {
      gate.begin()
      ;(request as unknown as Record<symbol, boolean>)[HOLDS_GATE] = true
    })
    const release = async (request: FastifyRequest): Promise<void> => {
      const held = request as unknown as Record<symbol, boolean>
      if (!held[HOLDS_GATE]) return
      held[HOLDS_GATE] = false
      gate.end()
    }
    app.addHook('onResponse', release)
    app.addHook('onRequestAbort', release)
  }
  const handler = async (request: FastifyRequest<{ Params: { cluster?: string }; Querystring: { wait?: string } }>): Promise<IngestAck | IngestReport> => {
    const cluster = request.params?.cluster ?? (typeof request.headers['x-kubesiem-cluster'] === 'string' ? request.headers['x-kubesiem-cluster'] : options.defaultCluster)
    const where = `POST /ingest/k8s-audit/${cluster}`
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const encoding = request.headers['content-encoding']
    const value = decodeBody(body, typeof encoding === 'string' ? encoding.toLowerCase() : undefined, options.maxBodyBytes, where)
    return options.accept([{ where, source: 'k8s-audit', cluster, value }], { wait: request.query?.wait === 'stored' })
  }
  app.post<{ Params: { cluster?: string }; Querystring: { wait?: string } }>('/ingest/k8s-audit', { preHandler: guard }, handler)
  app.post<{ Params: { cluster?: string }; Querystring: { wait?: string } }>('/ingest/k8s-audit/:cluster', { preHandler: guard }, handler)
}
