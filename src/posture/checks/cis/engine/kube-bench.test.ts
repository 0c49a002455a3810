import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareOp } from './compare-op.js'
import { parseControls } from './controls.js'
import { executeTests, runCheck } from './run-check.js'

// kube-bench's own engine test material (check/data and the table cases of check/test_test.go), read in place.
const ROOT = path.resolve(process.cwd(), '../shared/conformance/kube-bench/engine-tests')
const cases = JSON.parse(readFileSync(path.join(ROOT, 'cases.json'), 'utf8')) as {
  compareOp: Array<{ label: string; op: string; flagVal: string; compareValue: string; flagName: string; expectedResultPattern: string; testResult: boolean }>
  execute: Array<{ group: number; check: number; auditOutput?: string; auditConfigOutput?: string; auditEnvOutput?: string; expectedResult?: string; expectPass: boolean }>
}
const controls = parseControls(readFileSync(path.join(ROOT, 'controls.yaml'), 'utf8'))

/** What `/bin/sh` would print for the `echo`/`printf` audits of the engine's control file. */
function shell(command: string): string {
  const match = /^(echo|printf)\s+(.*)$/s.exec(command.trim())
  if (!match) return ''
  const arg = match[2].trim().replace(/^'(.*)'$/s, '$1').replace(/^"(.*)"$/s, '$1').replace(/\\"/g, '"')
  return match[1] === 'echo' ? `${arg}\n` : arg.replace(/\\n/g, '\n')
}

describe('kube-bench engine conformance', () => {
  it('compareOp: all 70 upstream cases', () => {
    const failures = cases.compareOp.flatMap((c) => {
      const got = compareOp(c.op, c.flagVal, c.compareValue, c.flagName)
      return got.pass === c.testResult && got.expected === c.expectedResultPattern ? [] : [`${c.label}: got ${JSON.stringify(got)}`]
    })
    expect(cases.compareOp).toHaveLength(70)
    expect(failures).toEqual([])
  })

  it('execute: all 42 upstream cases, with the expected-result text', () => {
    const failures = cases.execute.flatMap((c, i) => {
      const check = controls.groups[c.group].checks[c.check]
      const outcome = executeTests(check, { audit: c.auditOutput ?? '', config: c.auditConfigOutput ?? '', env: c.auditEnvOutput ?? '' })
      if (outcome.pass !== c.expectPass) return [`#${i} ${check.text}: pass=${outcome.pass}, expected ${c.expectPass}`]
      if (c.expectPass && c.expectedResult !== undefined && outcome.expected !== c.expectedResult) return [`#${i} ${check.text}: "${outcome.expected}" != "${c.expectedResult}"`]
      return []
    })
    expect(cases.execute).toHaveLength(42)
    expect(failures).toEqual([])
  })

  it('run: audit / audit_config / audit_env precedence groups, as their texts state', () => {
    const groups = controls.groups.filter((g) => g.id === '2.1' || g.id === '3.1')
    expect(groups.flatMap((g) => g.checks).length).toBeGreaterThanOrEqual(20)
    const failures = groups
      .flatMap((group) =>
        group.checks.map((check) => {
          const want = /-> pass|passing$/.test(check.text) ? 'PASS' : 'FAIL'
          const got = runCheck(check, { audit: shell(check.audit), config: shell(check.auditConfig), env: shell(check.auditEnv) })
          return got.state === want ? '' : `${group.id}/${check.id} ${check.text}: ${got.state} (${got.expected})`
        }),
      )
      .filter(Boolean)
    expect(failures).toEqual([])
  })

  it('run: manual, skip and test-less checks get kube-bench states', () => {
    const base = controls.groups[0].checks[0]
    expect(runCheck({ ...base, type: 'manual' }, {}).state).toBe('WARN')
    expect(runCheck({ ...base, type: 'skip' }, {}).state).toBe('INFO')
    expect(runCheck({ ...base, tests: undefined, scored: true }, {}).state).toBe('WARN')
    expect(runCheck({ ...base, tests: { binOp: '', items: [] }, scored: true }, {}).state).toBe('FAIL')
    expect(runCheck({ ...base, tests: { ...base.tests!, binOp: 'xor' }, scored: false }, { audit: '--allow-privileged' })).toMatchObject({ state: 'WARN', reason: 'unknown binary operator for tests xor' })
    expect(runCheck({ ...base, scored: true }, { audit: 'Error from server (Forbidden): nodes is forbidden' }).state).toBe('WARN')
  })
})
