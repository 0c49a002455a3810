import type { LabelSelector } from './types.js'

/**
 * Kubernetes label selector semantics: all matchLabels and all matchExpressions (In, NotIn,
 * Exists, DoesNotExist) must hold; an empty selector matches everything.
 * @example
 * matchesSelector({ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }, labels)
 */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, key)
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false
        break
      case 'NotIn':
        if (has && values.includes(labels[key])) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        // An unknown operator is invalid; the API server would reject it, so it selects nothing.
        return false
    }
  }
  return true
}
