import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../src/core/index.js'
import { loadSigmaRules } from '../../src/rules/sigma/index.js'
import { fitsLogsource, flattenWindowsEvent, splitJsonStream } from './windows-events.js'

const ROOT = path.resolve(process.cwd(), '../shared/conformance/sigma-regression')

interface RegressionTest {
  rule: string
  rule_id: string
  event_file: string
  expected_match_count: number | null
}

describe('SigmaHQ regression data', () => {
  const index = JSON.parse(readFileSync(path.join(ROOT, 'index.json'), 'utf8')) as { tests: RegressionTest[] }
  const ruleFiles = [...new Set(index.tests.map((t) => t.rule))].map((p) => ({ path: p, text: readFileSync(path.join(ROOT, p), 'utf8') }))
  const { rules, problems } = loadSigmaRules(ruleFiles, { license: 'DRL-1.1' })
  const byId = new Map(rules.map((r) => [r.ref.id, r]))

  it('loads every rule without errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([])
  })

  it(`matches all ${index.tests.length} regression events as upstream expects`, () => {
    const failures: string[] = []
    for (const t of index.tests) {
      const rule = byId.get(t.rule_id)
      if (!rule) {
        failures.push(`${t.rule}: rule ${t.rule_id} did not load`)
        continue
      }
      const events = splitJsonStream(readFileSync(path.join(ROOT, t.event_file), 'utf8')).map(flattenWindowsEvent)
      const matched = events.filter((e) => fitsLogsource(e, rule.logsource) && rule.match(e)).length
      const want = t.expected_match_count ?? 1
      if (matched < want) failures.push(`${t.rule} on ${t.event_file}: ${matched} of ${events.length} events matched, expected at least ${want}`)
    }
    expect(failures).toEqual([])
    expect(index.tests.length).toBe(202)
  })
})
