import { formatMessage, type ErrorCode, type ErrorDetails } from '../../core/index.js'

/**
 * Why one request or connection did not get an answer. Caught by the runner and listed in the
 * summary: a bad target never stops the scan.
 * @example throw new ProbeFailure('KUBESIEM_EXPOSURE_TIMEOUT', { target, phase: 'read', timeoutMs: 3000, request })
 */
export class ProbeFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails,
  ) {
    super(formatMessage(code, details))
    this.name = 'ProbeFailure'
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])

/**
 * Map a Node socket, TLS or HTTP-parser error to a catalogue failure.
 * @example toProbeFailure(err, '127.0.0.1:2379', 'GET /version')
 */
export function toProbeFailure(error: unknown, target: string, request: string): ProbeFailure {
  if (error instanceof ProbeFailure) return error
  const e = error as NodeJS.ErrnoException
  const code = e?.code ?? ''
  const detail = `${e?.message ?? String(error)}${code && !String(e?.message).includes(code) ? ` (${code})` : ''}`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ProbeFailure('KUBESIEM_EXPOSURE_UNRESOLVABLE', { target, detail })
  if (/^ERR_SSL|^ERR_TLS|EPROTO/.test(code) || /SSL|TLS|alert/i.test(e?.message ?? '')) return new ProbeFailure('KUBESIEM_EXPOSURE_TLS_FAILED', { target, detail })
  if (CONNECTION_CODES.has(code) || code.startsWith('HPE_')) return new ProbeFailure('KUBESIEM_EXPOSURE_CONNECTION_FAILED', { target, detail: `${detail} during ${request}` })
  return new ProbeFailure('KUBESIEM_EXPOSURE_CONNECTION_FAILED', { target, detail: `${detail} during ${request}` })
}
