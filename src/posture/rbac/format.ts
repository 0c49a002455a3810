import type { GrantPath, ObjectRef } from './types.js'

const ref = (r: ObjectRef) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`

/**
 * Render a path as `ClusterRoleBinding/x -> ClusterRole/y rule #2 (aggregated from z)`.
 * @example
 * formatGrantPath(entry.path)
 */
export function formatGrantPath(path: GrantPath): string {
  const from = path.aggregatedFrom ? ` (aggregated from ClusterRole/${path.aggregatedFrom})` : ''
  return `${ref(path.binding)} -> ${ref(path.role)} rule #${path.ruleIndex}${from}`
}
