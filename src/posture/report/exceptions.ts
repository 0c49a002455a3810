import { parse } from 'yaml'
import { formatMessage, type Problem } from '../../core/errors.js'
import type { Finding, FindingResource } from '../../core/finding.js'
import { isRecord } from '../types.js'

/** One accepted risk: a check, optionally narrowed to resources, with a reason and an expiry. */
export interface PostureException {
  checkId: string
  /** Fields to match; `name` may end with `*` to match a prefix. */
  resource?: FindingResource
  reason: string
  /** ISO date; the exception stops applying after that day. */
  expires?: string
}

/** A finding set aside by an exception. */
export interface AcceptedFinding {
  finding: Finding
  exception: PostureException
}

/**
 * Parse an exceptions file: a YAML list (or `exceptions:` list) of `{ checkId, resource?, reason, expires? }`.
 * Entries without a checkId or a reason, or with an unreadable date, become problems and are ignored.
 * @example
 * parseExceptions('- checkId: pss.baseline.privileged\n  resource: {namespace: kube-system}\n  reason: CNI agent\n  expires: 2027-01-31\n', 'exceptions.yaml')
 */
export function parseExceptions(text: string, file: string): { exceptions: PostureException[]; problems: Problem[] } {
  const problems: Problem[] = []
  const bad = (index: number, detail: string) =>
    problems.push({ code: 'KUBESIEM_POSTURE_BAD_EXCEPTION', severity: 'error', file, message: formatMessage('KUBESIEM_POSTURE_BAD_EXCEPTION', { where: `${file} entry ${index + 1}`, detail }) })
  let doc: unknown
  try {
    doc = parse(text)
  } catch (error) {
    bad(-1, (error as Error).message.split('\n')[0])
    return { exceptions: [], problems }
  }
  const list = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.exceptions) ? doc.exceptions : undefined
  if (!list) {
    bad(-1, 'expected a list of exceptions (or an "exceptions:" list)')
    return { exceptions: [], problems }
  }
  const exceptions: PostureException[] = []
  list.forEach((entry: unknown, index: number) => {
    if (!isRecord(entry) || typeof entry.checkId !== 'string' || entry.checkId === '') return void bad(index, 'checkId is missing')
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') return void bad(index, `exception for ${entry.checkId} has no reason`)
    // YAML reads an unquoted 2027-01-31 as a date already.
    const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires === undefined ? undefined : String(entry.expires)
    if (expires !== undefined && Number.isNaN(Date.parse(expires))) return void bad(index, `expires "${expires}" is not a date (use YYYY-MM-DD)`)
    const resource = isRecord(entry.resource) ? (Object.fromEntries(Object.entries(entry.resource).map(([k, v]) => [k, String(v)])) as FindingResource) : undefined
    exceptions.push({ checkId: entry.checkId, resource, reason: entry.reason.trim(), expires })
  })
  return { exceptions, problems }
}

/**
 * Split findings into kept and accepted. An exception applies through the end of its `expires` day
 * (UTC); an expired one accepts nothing and is returned so the caller can say so.
 * @example
 * const { kept, accepted, expired } = applyExceptions(findings, exceptions, new Date())
 */
export function applyExceptions(findings: Finding[], exceptions: PostureException[], now: Date): { kept: Finding[]; accepted: AcceptedFinding[]; expired: PostureException[] } {
  const live = exceptions.filter((e) => e.expires === undefined || Date.parse(e.expires) + 86_400_000 > now.getTime())
  const expired = exceptions.filter((e) => !live.includes(e))
  const kept: Finding[] = []
  const accepted: AcceptedFinding[] = []
  for (const finding of findings) {
    const exception = live.find((e) => matches(e, finding))
    if (exception) accepted.push({ finding, exception })
    else kept.push(finding)
  }
  return { kept, accepted, expired }
}

function matches(exception: PostureException, finding: Finding): boolean {
  if (exception.checkId !== '*' && exception.checkId !== finding.checkId) return false
  for (const [field, want] of Object.entries(exception.resource ?? {}) as Array<[keyof FindingResource, string]>) {
    const have = finding.resource?.[field] ?? ''
    if (want.endsWith('*') ? !have.startsWith(want.slice(0, -1)) : have !== want) return false
  }
  return true
}
