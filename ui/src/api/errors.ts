/** The one error shape every caught failure becomes (jaeger-ui `toApiError`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** For query syntax errors: the 0-based character offset. */
    readonly position?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * Turn anything thrown (a fetch failure, a bad JSON body, a schema mismatch) into an ApiError.
 * @example catch (e) { setError(toApiError(e)) }
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof Error) return new ApiError(0, 'CLIENT', error.message)
  return new ApiError(0, 'CLIENT', String(error))
}
