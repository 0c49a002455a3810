import type { Finding } from '../core/index.js'
import type { ScanReport, Unprobed } from './types.js'

/**
 * One finding per line with exactly the posture keys, in a fixed order.
 * @example findingsAsJsonLines(report.findings).split('\n')[0] // '{"checkId":"exposure.etcd…'
 */
export function findingsAsJsonLines(findings: Finding[]): string {
  return findings.map((f) => JSON.stringify({ checkId: f.checkId, controls: f.controls, severity: f.severity, target: f.target, message: f.message, remediation: f.remediation, evidence: f.evidence })).join('\n')
}

/**
 * A plain-text table: severity, target, check and message.
 * @example findingsAsTable(report.findings)
 */
export function findingsAsTable(findings: Finding[]): string {
  if (findings.length === 0) return 'no exposure found'
  const rows = findings.map((f) => [f.severity.toUpperCase(), f.target ?? '', f.checkId, f.message])
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['SEVERITY', 'TARGET', 'CHECK'][i]!.length))
  const line = (r: string[]): string => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')
  return [line(['SEVERITY', 'TARGET', 'CHECK', 'MESSAGE']), ...rows.map(line)].join('\n')
}

const MAX_LISTED = 50

function list(title: string, items: Unprobed[]): string[] {
  if (items.length === 0) return []
  const shown = items.slice(0, MAX_LISTED).map((u) => `  - ${u.target}: ${u.reason} [${u.code}]`)
  return [title, ...shown, ...(items.length > MAX_LISTED ? [`  … and ${items.length - MAX_LISTED} more`] : [])]
}

/**
 * The summary for stderr: what was probed, what answered as what, and what could not be probed and why.
 * @example process.stderr.write(scanSummary(report) + '\n')
 */
export function scanSummary(report: ScanReport): string {
  const open = report.endpoints.filter((e) => e.state === 'open')
  const closed = report.endpoints.filter((e) => e.state === 'closed').length
  const lines = [
    `scanned ${report.targets} target argument(s): ${report.endpoints.length} endpoint(s), ${open.length} open, ${closed} closed, ${report.unprobed.length} not probed; ${report.findings.length} finding(s) in ${report.seconds.toFixed(1)} s`,
    ...open.slice(0, MAX_LISTED).map((e) => `  ${e.target}: ${e.services.join(', ') || 'open, not recognised as a Kubernetes surface'}`),
    ...list('could not be probed:', report.unprobed),
    ...list('notes:', report.notes),
  ]
  return lines.join('\n')
}
