import { SEVERITIES, type Severity } from '../../core/alert.js'
import { formatProblem, type Problem } from '../../core/errors.js'
import type { Finding } from '../../core/finding.js'
import type { PostureScore } from './score.js'

/** What the summary reports; every field but the first four is optional. */
export interface SummaryInput {
  objects: number
  problems: Problem[]
  findings: Finding[]
  score: PostureScore
  cluster?: string
  accepted?: number
  expired?: Array<{ checkId: string; expires?: string }>
  undecided?: Array<{ id: string; reason: string }>
}

/**
 * The human summary printed on stderr after the findings: objects read, each problem with
 * file:line, findings by severity, exceptions, undecided CIS checks, and scores.
 * @example
 * formatSummary({ objects: 12, problems: [], findings, score }).forEach((line) => console.error(line))
 */
export function formatSummary(input: SummaryInput): string[] {
  const lines = [`${input.objects} objects read, ${input.problems.length} problems`]
  // Posture problem messages already start with their file:line; do not say it twice.
  for (const p of input.problems) lines.push(`  ${p.file && p.message.startsWith(p.file) ? `${p.message.replace(/^(\S+?:\d+(?::\d+)?): /, `$1: ${p.severity} ${p.code}: `)}` : formatProblem(p)}`)
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of input.findings) counts[f.severity] += 1
  const bySeverity = [...SEVERITIES].reverse().map((s) => `${s} ${counts[s]}`).join(', ')
  lines.push(`${input.findings.length} findings (${bySeverity})${input.accepted ? `, ${input.accepted} accepted by exceptions` : ''}`)
  for (const e of input.expired ?? []) lines.push(`  exception for ${e.checkId} expired on ${e.expires}: its findings are reported again`)
  if (input.undecided?.length) {
    lines.push(`${input.undecided.length} CIS checks could not be decided (not failed; --undecided lists them as info findings):`)
    const byReason = new Map<string, string[]>()
    for (const u of input.undecided) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.id])
    for (const [reason, ids] of byReason) lines.push(`  ${ids.join(' ')}: ${reason}`)
  }
  lines.push(`score: cluster ${input.cluster ?? 'default'} ${input.score.cluster}/100`)
  const namespaces = Object.entries(input.score.namespaces)
  if (namespaces.length > 0) lines.push(`  namespaces: ${namespaces.map(([ns, s]) => `${ns} ${s}`).join(', ')}`)
  return lines
}
