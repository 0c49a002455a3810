import type { ErrorRecord } from './errors/define.js'
import { API_ERRORS } from './errors/api.js'
import { INGEST_ERRORS } from './errors/ingest.js'
import { RUNTIME_ERRORS } from './errors/runtime.js'
import { POSTURE_ERRORS } from './errors/posture.js'
import { SIGMA_ERRORS } from './errors/sigma.js'
import { FALCO_ERRORS } from './errors/falco.js'
import { EXPOSURE_ERRORS } from './errors/exposure.js'

export type { ErrorRecord } from './errors/define.js'

/**
 * The one error catalogue. Each area keeps its records in `errors/<area>.ts`; this is their union,
 * and a test checks every code against docs/errors.md. Retired codes are never reused.
 */
export const ERRORS = { ...INGEST_ERRORS, ...API_ERRORS, ...RUNTIME_ERRORS, ...SIGMA_ERRORS, ...POSTURE_ERRORS, ...FALCO_ERRORS, ...EXPOSURE_ERRORS } satisfies Record<string, ErrorRecord>

export type ErrorCode = keyof typeof ERRORS
export type ErrorDetails = Record<string, string | number | undefined>

/** Fill a catalogue template: `{where}` and friends from details. */
export function formatMessage(code: ErrorCode, details: ErrorDetails = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (_, key: string) => String(details[key] ?? `<${key}>`))
}

/**
 * An error with a catalogue code; the HTTP edge turns it into its status.
 * @example
 * throw new KubesiemError('KUBESIEM_INGEST_BAD_JSON', { where: 'audit.log:12', detail: 'Unexpected end' })
 */
export class KubesiemError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly hint: string
  readonly details: ErrorDetails

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(formatMessage(code, details))
    this.name = 'KubesiemError'
    this.code = code
    this.status = ERRORS[code].status
    this.hint = ERRORS[code].hint
    this.details = details
  }

  toJSON(): { code: string; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint }
  }
}

/** A located problem found while loading content; loading collects these instead of throwing. */
export interface Problem {
  code: string
  severity: 'error' | 'warning'
  message: string
  file?: string
  line?: number
  col?: number
  ruleId?: string
}

/** Render a problem as `file:line:col: CODE message`. */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}${p.col ? `:${p.col}` : ''}` : ''}: ` : ''
  return `${where}${p.severity} ${p.code}: ${p.message}`
}
