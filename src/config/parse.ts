import { KubesiemError } from '../core/index.js'
import { ConfigSchema, type Config } from './schema.js'

/**
 * Validate a configuration object; the first problem fails startup with its field path.
 * @example parseConfig({ port: 8470, dataDir: './data' })
 */
export function parseConfig(input: unknown): Config {
  const result = ConfigSchema.safeParse(input ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new KubesiemError('KUBESIEM_CONFIG_INVALID', { field: issue.path.join('.') || '(root)', detail: issue.message })
}
