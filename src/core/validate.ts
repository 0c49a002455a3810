import type { z } from 'zod'
import { KubesiemError } from './errors.js'

/**
 * Validate outside input with a zod schema; the first problem becomes a 400 naming the field.
 * @example const query = parseWith(EventQuerySchema, request.query)
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new KubesiemError('KUBESIEM_API_BAD_QUERY', { field: issue.path.join('.') || '(body)', detail: issue.message })
}
