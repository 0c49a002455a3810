import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { KubesiemError } from '../core/index.js'

/**
 * Known errors become their catalogue status and JSON; Fastify's own client errors keep their
 * status; anything else is logged and answered with a plain 500.
 * @example app.setErrorHandler(handleError)
 */
export function handleError(error: FastifyError | KubesiemError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof KubesiemError) {
    // A syntax error's position lets the UI point at the offending character.
    const position = error.details.position
    void reply.code(error.status).send({ error: position === undefined ? error.toJSON() : { ...error.toJSON(), position: Number(position) } })
    return
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const known = new KubesiemError('KUBESIEM_INGEST_BODY_TOO_LARGE', { limit: request.routeOptions.bodyLimit ?? 'the configured' })
    void reply.code(413).send({ error: known.toJSON() })
    return
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    void reply.code(error.statusCode).send({ error: { code: error.code ?? 'BAD_REQUEST', message: error.message } })
    return
  }
  request.log.error({ err: error }, 'unhandled error')
  void reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal server error' } })
}
