import type { Finding } from '../../core/finding.js'
import { resourceLabel } from './finding-json.js'

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`)

/**
 * Render findings as JUnit XML for CI dashboards: one testsuite per check, one failing testcase per
 * finding. A check with no finding does not appear (there is no pass list to report).
 * @example
 * findingsAsJunit(findings) // '<?xml version="1.0" …><testsuites name="kubesiem posture" tests="3" failures="3">…'
 */
export function findingsAsJunit(findings: Finding[]): string {
  const byCheck = new Map<string, Finding[]>()
  for (const f of findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f])
  const suites = [...byCheck.entries()].map(([checkId, list]) => {
    const cases = list.map((f) => {
      const name = escapeXml(resourceLabel(f) || checkId)
      const body = escapeXml(`${f.message}\nseverity: ${f.severity}\ncontrols: ${f.controls.join(', ')}\nremediation: ${f.remediation}`)
      return `    <testcase classname="${escapeXml(checkId)}" name="${name}">\n      <failure type="${f.severity}" message="${escapeXml(f.message)}">${body}</failure>\n    </testcase>`
    })
    return `  <testsuite name="${escapeXml(checkId)}" tests="${list.length}" failures="${list.length}">\n${cases.join('\n')}\n  </testsuite>`
  })
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="kubesiem posture" tests="${findings.length}" failures="${findings.length}">`, ...suites, `</testsuites>`].join('\n')
}
