import type { z } from 'zod'
import { KubesiemError, type ErrorCode, type ErrorDetails } from './errors.js'

/**
 * Validate outside input with a zod schema; the first problem becomes an error naming the field
 * (`{field}` and `{detail}` of the code's message): a 400 query error unless another code is given.
 * @example
 * const query = parseWith(EventQuerySchema, request.query)
 * const table = parseWith(FeatureGatesSchema, json, { code: 'KUBESIEM_POSTURE_BAD_FEATURE_GATES', details: { where: file } })
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, error: { code: ErrorCode; details?: ErrorDetails } = { code: 'KUBESIEM_API_BAD_QUERY' }): T {
  const result = schema.safeParse(input ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new KubesiemError(error.code, { ...error.details, field: issue.path.join('.') || '(body)', detail: issue.message })
}
