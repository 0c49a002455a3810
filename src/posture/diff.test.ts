import { describe, expect, it } from 'vitest'
import type { Finding } from '../core/finding.js'
import { diffFindings } from './diff.js'

const finding = (checkId: string, name: string, message = 'bad'): Finding => ({
  checkId, controls: [], severity: 'high', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name }, message, remediation: '', evidence: { origin: { file: `run-${Math.random()}`, line: 1 } },
})

describe('diffFindings', () => {
  it('reports new and resolved findings, ignoring evidence that changes between runs', () => {
    const previous = [finding('a', 'p1'), finding('b', 'p1'), finding('a', 'p2')]
    const current = [finding('a', 'p1'), finding('a', 'p2', 'worse'), finding('c', 'p3')]
    const { new: appeared, resolved } = diffFindings(previous, current)
    expect(appeared.map((f) => `${f.checkId}/${f.resource?.name}/${f.message}`)).toEqual(['a/p2/worse', 'c/p3/bad'])
    expect(resolved.map((f) => `${f.checkId}/${f.resource?.name}/${f.message}`)).toEqual(['b/p1/bad', 'a/p2/bad'])
  })
  it('is empty both ways for identical snapshots, and treats clusters apart', () => {
    const run = [finding('a', 'p1')]
    expect(diffFindings(run, [...run])).toEqual({ new: [], resolved: [] })
    expect(diffFindings(run, [{ ...run[0], cluster: 'prod' }]).new).toHaveLength(1)
  })
})
