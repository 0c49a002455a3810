import type { Finding } from '../../core/finding.js'
import { resourceLabel } from './finding-json.js'
import type { PostureScore } from './score.js'

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": '#39' }[c]};`)

/**
 * Render a self-contained HTML report (no scripts, no external assets): the scores, then one table
 * row per finding, worst first as given.
 * @example
 * writeFileSync('posture.html', findingsAsHtml(findings, score))
 */
export function findingsAsHtml(findings: Finding[], score: PostureScore): string {
  const namespaces = Object.entries(score.namespaces).map(([ns, s]) => `<li>${escapeHtml(ns)}: ${s}/100</li>`).join('')
  const rows = findings
    .map((f) => `<tr class="${f.severity}"><td>${f.severity}</td><td>${escapeHtml(f.checkId)}</td><td>${escapeHtml(f.controls.join(' '))}</td><td>${escapeHtml(resourceLabel(f))}</td><td>${escapeHtml(f.message)}</td><td>${escapeHtml(f.remediation)}</td></tr>`)
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kubesiem posture</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
tr.critical td:first-child{background:#b00020;color:#fff}tr.high td:first-child{background:#e65100;color:#fff}tr.medium td:first-child{background:#f9a825}</style></head>
<body><h1>kubesiem posture</h1>
<p>Cluster score: <strong>${score.cluster}/100</strong>, ${findings.length} findings</p><ul>${namespaces}</ul>
<table><thead><tr><th>Severity</th><th>Check</th><th>Controls</th><th>Resource</th><th>Message</th><th>Remediation</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`
}
