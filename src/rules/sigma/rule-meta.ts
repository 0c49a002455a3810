import type { Severity } from '../../core/index.js'
import type { Logsource } from '../rule.js'

const LEVELS: Record<string, Severity> = { informational: 'info', info: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' }

/**
 * Map a Sigma `level` to our severity; a missing or unknown level is medium.
 * @example
 * severityOf('informational') // 'info'
 */
export function severityOf(level: unknown): Severity {
  return (typeof level === 'string' && LEVELS[level.toLowerCase()]) || 'medium'
}

/**
 * ATT&CK technique ids from Sigma tags.
 * @example
 * mitreOf(['attack.t1611.001', 'attack.execution']) // ['T1611.001']
 */
export function mitreOf(tags: string[]): string[] {
  const out = new Set<string>()
  for (const tag of tags) {
    const m = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag)
    if (m) out.add(m[1].toUpperCase())
  }
  return [...out]
}

/**
 * The list of strings a Sigma attribute holds (`tags`, `author`), tolerating a single string.
 * @example
 * stringList('a') // ['a']
 */
export function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/**
 * The three evaluated logsource attributes, lower-cased.
 * @example
 * logsourceOf({ product: 'Kubernetes', service: 'audit', definition: '...' }) // { product: 'kubernetes', service: 'audit' }
 */
export function logsourceOf(v: unknown): Logsource {
  const out: Logsource = {}
  if (v && typeof v === 'object') {
    for (const k of ['product', 'service', 'category'] as const) {
      const x = (v as Record<string, unknown>)[k]
      if (typeof x === 'string' && x !== '') out[k] = x.toLowerCase()
    }
  }
  return out
}

/**
 * One line for the analyst: the title plus who did what to which object, when the event is an audit event.
 * @example
 * summarizeAudit('Exec Into Pod', { user: { username: 'bob' }, verb: 'create', objectRef: { resource: 'pods', subresource: 'exec', namespace: 'default', name: 'web' } })
 * // 'Exec Into Pod: bob create pods/exec default/web'
 */
export function summarizeAudit(title: string, event: Record<string, unknown>): string {
  const ref = (event.objectRef ?? {}) as Record<string, unknown>
  const user = (event.user ?? {}) as Record<string, unknown>
  const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined)
  const resource = str(ref.resource) && [str(ref.resource), str(ref.subresource)].filter(Boolean).join('/')
  const object = str(ref.name) && [str(ref.namespace), str(ref.name)].filter(Boolean).join('/')
  const ns = !object && str(ref.namespace) ? `ns=${str(ref.namespace)}` : undefined
  const parts = [str(user.username), str(event.verb), resource, object ?? ns].filter(Boolean)
  return parts.length > 0 ? `${title}: ${parts.join(' ')}` : title
}
