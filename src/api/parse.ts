import type { z } from 'zod'
import { KubesiemError } from '../core/index.js'

/**
 * Validate a request part with a zod schema; the first problem is a 400 naming the field.
 * @example const body = parseBody(LoginSchema, request.body)
 */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new KubesiemError('KUBESIEM_API_BAD_QUERY', { field: issue.path.join('.') || '(body)', detail: issue.message })
}
