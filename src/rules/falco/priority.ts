import type { Severity } from '../../core/alert.js'

const PRIORITIES: Record<string, Severity> = {
  emergency: 'critical',
  alert: 'critical',
  critical: 'critical',
  error: 'high',
  warning: 'medium',
  notice: 'low',
  informational: 'info',
  info: 'info',
  debug: 'info',
}

/**
 * Map a Falco priority (any case) to our severity, or undefined when it is not a Falco priority.
 * @example
 * severityOf('WARNING') // 'medium'
 */
export function severityOf(priority: unknown): Severity | undefined {
  return typeof priority === 'string' ? PRIORITIES[priority.toLowerCase()] : undefined
}

/**
 * ATT&CK technique ids among Falco tags (`T1609`, `T1611.001`), upper-cased.
 * @example
 * mitreFromTags(['k8s', 'T1609', 'mitre_execution']) // ['T1609']
 */
export function mitreFromTags(tags: readonly string[]): string[] {
  return tags.filter((t) => /^t\d{4}(?:\.\d{3})?$/i.test(t)).map((t) => t.toUpperCase())
}

/**
 * A stable rule id from its name: `falco:` and a slug.
 * @example
 * falcoRuleId('Create/Modify Configmap With Private Credentials') // 'falco:create-modify-configmap-with-private-credentials'
 */
export function falcoRuleId(name: string): string {
  return `falco:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`
}
