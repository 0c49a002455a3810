import { describe, expect, it } from 'vitest'
import type { Finding } from '../../core/finding.js'
import { findingJson } from './finding-json.js'
import { findingsAsHtml } from './html.js'
import { findingsAsJunit } from './junit.js'
import { findingsAsSarif } from './sarif.js'

const finding: Finding = {
  checkId: 'pss.baseline.privileged',
  controls: ['pss:baseline:privileged', 'cis:5.2.2'],
  severity: 'critical',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name: '<evil>' },
  message: 'privileged (container "a" must not set securityContext.privileged=true)',
  remediation: 'Remove securityContext.privileged.',
  evidence: { paths: ['/spec/containers/0/securityContext/privileged'], origin: { file: 'pods.yaml', line: 7 } },
}

describe('report formats', () => {
  it('json: the contract fields', () => {
    expect(Object.keys(findingJson(finding))).toEqual(['checkId', 'controls', 'severity', 'resource', 'message', 'remediation', 'evidence'])
  })

  it('sarif: one rule per check, results located at file:line', () => {
    const log = JSON.parse(findingsAsSarif([finding, { ...finding, evidence: { origin: { file: 'cluster:prod', line: 0 } } }], '0.1.0'))
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].tool.driver.rules).toHaveLength(1)
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'pss.baseline.privileged', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'pods.yaml' }, region: { startLine: 7 } } }] })
    expect(log.runs[0].results[1].locations).toEqual([])
  })

  it('junit and html escape what they embed', () => {
    const junit = findingsAsJunit([finding])
    expect(junit).toContain('<testsuite name="pss.baseline.privileged" tests="1" failures="1">')
    expect(junit).toContain('name="Pod/web/&lt;evil&gt;"')
    const html = findingsAsHtml([finding], { cluster: 50, namespaces: { web: 0 } })
    expect(html).toContain('Pod/web/&lt;evil&gt;')
    expect(html).not.toContain('<evil>')
    expect(html).toContain('<strong>50/100</strong>')
  })
})
