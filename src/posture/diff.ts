import type { Finding } from '../core/finding.js'

/**
 * A finding's identity across snapshots: the check, the cluster, the resource and the message (a
 * message names what is wrong, e.g. which container, so a changed message is a different problem).
 * @example
 * findingKey(finding) // 'pss.baseline.privileged|prod|apps/v1|Deployment|shop|web|privileged (…)'
 */
export function findingKey(f: Finding): string {
  const r = f.resource ?? {}
  return [f.checkId, f.cluster ?? '', r.apiVersion ?? '', r.kind ?? '', r.namespace ?? '', r.name ?? '', f.target ?? '', f.message].join('|')
}

/**
 * Compare two posture snapshots: what appeared and what went away. Pure; order follows each input.
 * @example
 * const { new: appeared, resolved } = diffFindings(lastRun.findings, thisRun.findings)
 */
export function diffFindings(previous: Finding[], current: Finding[]): { new: Finding[]; resolved: Finding[] } {
  const before = new Set(previous.map(findingKey))
  const after = new Set(current.map(findingKey))
  return { new: current.filter((f) => !before.has(findingKey(f))), resolved: previous.filter((f) => !after.has(findingKey(f))) }
}
