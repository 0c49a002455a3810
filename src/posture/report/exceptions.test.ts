import { describe, expect, it } from 'vitest'
import type { Finding } from '../../core/finding.js'
import { applyExceptions, parseExceptions } from './exceptions.js'

const finding = (checkId: string, namespace: string, name: string): Finding => ({
  checkId, controls: [], severity: 'high', resource: { kind: 'Pod', namespace, name }, message: '', remediation: '', evidence: {},
})
const NOW = new Date('2026-11-28T12:00:00Z')

describe('exceptions', () => {
  it('accepts matching findings until the end of the expiry day, by check and resource (name prefix with *)', () => {
    const { exceptions, problems } = parseExceptions(
      [
        'exceptions:',
        '  - checkId: pss.baseline.privileged',
        '    resource: {namespace: kube-system, name: "kube-proxy-*"}',
        '    reason: kube-proxy programs iptables',
        '    expires: 2026-11-28',
        '  - checkId: pss.baseline.hostNamespaces',
        '    reason: old',
        '    expires: "2026-11-01"',
      ].join('\n'),
      'exceptions.yaml',
    )
    expect(problems).toEqual([])
    const findings = [finding('pss.baseline.privileged', 'kube-system', 'kube-proxy-abc'), finding('pss.baseline.privileged', 'default', 'kube-proxy-abc'), finding('pss.baseline.hostNamespaces', 'a', 'b')]
    const { kept, accepted, expired } = applyExceptions(findings, exceptions, NOW)
    expect(accepted.map((a) => a.finding.resource?.namespace)).toEqual(['kube-system'])
    expect(accepted[0].exception.reason).toBe('kube-proxy programs iptables')
    expect(kept).toHaveLength(2)
    expect(expired.map((e) => e.checkId)).toEqual(['pss.baseline.hostNamespaces'])
    expect(applyExceptions(findings, exceptions, new Date('2026-11-29T00:00:01Z')).accepted).toEqual([])
  })

  it('reports entries without a reason or with a bad date, and keeps the good ones', () => {
    const { exceptions, problems } = parseExceptions('- checkId: a\n- checkId: b\n  reason: ok\n  expires: soon\n- checkId: c\n  reason: fine\n', 'x.yaml')
    expect(exceptions.map((e) => e.checkId)).toEqual(['c'])
    expect(problems.map((p) => p.message)).toEqual(['x.yaml entry 1: bad exception: exception for a has no reason', 'x.yaml entry 2: bad exception: expires "soon" is not a date (use YYYY-MM-DD)'])
    expect(parseExceptions('just text', 'y.yaml').problems[0].code).toBe('KUBESIEM_POSTURE_BAD_EXCEPTION')
  })
})
