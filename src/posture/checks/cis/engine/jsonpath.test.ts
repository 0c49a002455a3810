import { describe, expect, it } from 'vitest'
import { evalJsonPath } from './jsonpath.js'

describe('evalJsonPath (Kubernetes JSONPath subset used by kube-bench)', () => {
  const config = { authentication: { anonymous: { enabled: false } }, readOnlyPort: 0, tlsCipherSuites: ['A', 'B'], featureGates: { X: true } }
  it('prints fields, scalars as Go does, and nothing for missing keys', () => {
    expect(evalJsonPath('{.authentication.anonymous.enabled}', config)).toBe('false')
    expect(evalJsonPath('{.readOnlyPort}', config)).toBe('0')
    expect(evalJsonPath('{.missing.deeper}', config)).toBe('')
    expect(evalJsonPath('{.tlsCipherSuites[1]}', config)).toBe('B')
    expect(evalJsonPath('{.featureGates}', config)).toBe('{"X":true}')
  })
  it('ranges over lists with literals', () => {
    expect(evalJsonPath("{range .tlsCipherSuites[:]}{}{','}{end}", config)).toBe('A,B,')
    expect(evalJsonPath("{range .nothing[:]}{}{','}{end}", config)).toBe('')
  })
  it('throws on templates it cannot parse', () => {
    expect(() => evalJsonPath('{.open', config)).toThrow()
    expect(() => evalJsonPath('{range .x[*]}{}', config)).toThrow()
  })
})
