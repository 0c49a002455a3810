import type { Finding } from '../../core/finding.js'

/**
 * The JSON shape of one finding in `posture --format json`: a contract that outside tools read, so
 * fields are only ever added.
 * @example
 * findingJson(finding) // { checkId: 'pss.baseline.privileged', controls: ['pss:baseline:privileged'], … }
 */
export function findingJson(finding: Finding): Record<string, unknown> {
  const { checkId, controls, severity, resource, message, remediation, evidence, cluster } = finding
  return { checkId, controls, severity, resource: resource ?? null, message, remediation, evidence, ...(cluster ? { cluster } : {}) }
}

/**
 * `Kind/namespace/name` (or the check's target) for people.
 * @example
 * resourceLabel(finding) // 'Deployment/shop/web'
 */
export function resourceLabel(finding: Finding): string {
  const r = finding.resource
  if (!r) return finding.target ?? ''
  return [r.kind, r.namespace, r.name].filter(Boolean).join('/')
}

/**
 * Where the finding's object was read, `file:line`, when known.
 * @example
 * originOf(finding) // { file: 'dump.json', line: 12 }
 */
export function originOf(finding: Finding): { file: string; line: number } | undefined {
  const origin = (finding.evidence as { origin?: { file?: unknown; line?: unknown } } | undefined)?.origin
  // Objects read from a live cluster carry line 0: they have no file to point at.
  return origin && typeof origin.file === 'string' && Number(origin.line) > 0 ? { file: origin.file, line: Number(origin.line) } : undefined
}
