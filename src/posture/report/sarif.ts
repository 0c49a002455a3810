import type { Severity } from '../../core/alert.js'
import type { Finding } from '../../core/finding.js'
import { originOf, resourceLabel } from './finding-json.js'

// SARIF has three result levels; info findings are notes.
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }

/**
 * Render findings as a SARIF 2.1.0 log (GitHub code scanning and IDEs read it): one rule per check,
 * one result per finding, located at the manifest's file:line when the object came from a file.
 * @example
 * writeFileSync('posture.sarif', findingsAsSarif(findings, '0.1.0'))
 */
export function findingsAsSarif(findings: Finding[], version: string): string {
  const rules = new Map<string, Finding>()
  for (const f of findings) if (!rules.has(f.checkId)) rules.set(f.checkId, f)
  const ruleIds = [...rules.keys()]
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubesiem',
            version,
            informationUri: 'https://github.com/kubesiem/kubesiem',
            rules: ruleIds.map((id) => {
              const f = rules.get(id)!
              return { id, shortDescription: { text: id }, help: { text: f.remediation }, properties: { tags: f.controls, severity: f.severity } }
            }),
          },
        },
        results: findings.map((f) => {
          const origin = originOf(f)
          return {
            ruleId: f.checkId,
            ruleIndex: ruleIds.indexOf(f.checkId),
            level: LEVEL[f.severity],
            message: { text: `${resourceLabel(f)}: ${f.message}` },
            locations: origin ? [{ physicalLocation: { artifactLocation: { uri: origin.file }, region: { startLine: origin.line } } }] : [],
            properties: { controls: f.controls, resource: f.resource ?? null },
          }
        }),
      },
    ],
  }
  return JSON.stringify(log, null, 2)
}
