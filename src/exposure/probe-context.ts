import { httpRequest } from './net/http-request.js'
import { ProbeFailure } from './net/probe-failure.js'
import type { RateLimiter } from './net/rate-limit.js'
import type { ProbeContext, ProbeRequest } from './scanner.js'
import type { Answer, Endpoint, ScanOptions, TlsInfo, Unprobed } from './types.js'

/** Where a context reports answers that were cut short (a note, not a failure). */
export type NoteSink = (note: Unprobed) => void

/**
 * The context scanners share for one endpoint: GETs are cached per path and headers, every
 * connection waits its turn at the rate limiter, and after one timeout the endpoint is treated
 * as unresponsive so a silent service costs one timeout, not one per probe.
 * @example const ctx = createProbeContext(endpoint, 'https', tls, options, take, (note) => notes.push(note))
 */
export function createProbeContext(endpoint: Endpoint, scheme: 'http' | 'https', tls: TlsInfo | undefined, options: ScanOptions, take: RateLimiter, note: NoteSink): ProbeContext {
  const cache = new Map<string, Promise<Answer>>()
  let unresponsive: ProbeFailure | undefined
  const send = async (request: ProbeRequest): Promise<Answer> => {
    if (unresponsive) throw unresponsive
    await take()
    try {
      const answer = await httpRequest({ ...request, scheme, address: endpoint.address, port: endpoint.port, host: endpoint.host, target: endpoint.target }, options)
      if (answer.cut === 'size') note({ target: endpoint.target, code: 'KUBESIEM_EXPOSURE_ANSWER_CUT', reason: new ProbeFailure('KUBESIEM_EXPOSURE_ANSWER_CUT', { target: endpoint.target, request: `${request.method} ${request.path}`, maxBytes: options.maxBytes }).message })
      return answer
    } catch (error) {
      if (error instanceof ProbeFailure && error.code === 'KUBESIEM_EXPOSURE_TIMEOUT') unresponsive = error
      throw error
    }
  }
  return {
    endpoint,
    scheme,
    tls,
    fromPod: options.fromPod,
    send,
    get(path, headers) {
      const key = `${path}\n${JSON.stringify(headers ?? {})}`
      let answer = cache.get(key)
      if (!answer) cache.set(key, (answer = send({ method: 'GET', path, headers })))
      return answer
    },
  }
}
