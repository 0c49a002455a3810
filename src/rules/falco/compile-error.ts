import type { ErrorDetails } from '../../core/errors.js'
import type { FALCO_ERRORS } from '../../core/errors/falco.js'

/**
 * A code of the Falco part of the error catalogue.
 * @example
 * const code: FalcoErrorCode = 'KUBESIEM_FALCO_UNKNOWN_FIELD'
 */
export type FalcoErrorCode = keyof typeof FALCO_ERRORS

/**
 * Thrown while compiling one rule or macro; the loader turns it into a located problem and moves on.
 * @example
 * throw new FalcoCompileError('KUBESIEM_FALCO_UNDEFINED_MACRO', { name: 'kevt' })
 */
export class FalcoCompileError extends Error {
  constructor(readonly code: FalcoErrorCode, readonly details: ErrorDetails) {
    super(`${code}: ${JSON.stringify(details)}`)
    this.name = 'FalcoCompileError'
  }
}
