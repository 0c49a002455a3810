import { executeItem, type ItemOutcome } from './test-item.js'
import type { AuditOutputs, BenchCheck, CheckRun, TestsOutcome } from './types.js'

/**
 * kube-bench's Check.execute: each item is read from the command output first, then from the config
 * output (if the check has audit_config and it printed something), then from the env output; the
 * items are joined with `and` (default) or `or`. Throws on an unknown bin_op.
 * @example
 * executeTests(check, { audit: 'kube-apiserver --anonymous-auth=false' }) // { pass: true, expected: "'--anonymous-auth' is equal to 'false'", … }
 */
export function executeTests(check: BenchCheck, outputs: AuditOutputs): TestsOutcome {
  const items = check.tests?.items ?? []
  const results: ItemOutcome[] = items.map((item) => {
    let result = executeItem(item, 'command', outputs.audit ?? '', check.useMultipleValues)
    if (!result.found && check.auditConfig !== '' && (outputs.config ?? '') !== '') {
      result = executeItem(item, 'config', outputs.config ?? '', check.useMultipleValues)
    }
    if (!result.found && item.env !== '') result = executeItem(item, 'env', outputs.env ?? '', check.useMultipleValues)
    return result
  })
  const binOp = check.tests?.binOp ?? ''
  if (binOp !== '' && binOp !== 'and' && binOp !== 'or') throw new Error(`unknown binary operator for tests ${binOp}`)
  const pass = binOp === 'or' ? results.some((r) => r.pass) : results.every((r) => r.pass)
  return { pass, expected: results.map((r) => r.expected).join(binOp === 'or' ? ' OR ' : ' AND '), actual: results[0]?.actual ?? '' }
}

// kubectl's messages when the audit never reached the API server: a WARN, not a misconfiguration.
const ACCESS_ERRORS = ['Error from server', 'error: You must be logged in to the server', 'Unable to connect to the server', 'The connection to the server']

/**
 * kube-bench's Check.run on given audit outputs: manual → WARN, skip → INFO, no tests → FAIL
 * (scored) or WARN, else PASS when the tests pass and FAIL (scored) or WARN when they do not.
 * @example
 * runCheck(check, { audit: psLine }).state // 'FAIL'
 */
export function runCheck(check: BenchCheck, outputs: AuditOutputs): CheckRun {
  const run = (state: CheckRun['state'], reason: string, expected = '', actual = ''): CheckRun => ({ state, reason, expected, actual })
  if (check.scored && check.type.trim() === '' && !check.tests) return run('WARN', 'There are no tests')
  if (check.type === 'skip') return run('INFO', 'Test marked as skip')
  if (check.type === 'manual') return run('WARN', 'Test marked as a manual test')
  const failed = check.scored ? 'FAIL' : 'WARN'
  if (!check.tests || check.tests.items.length === 0) return run(failed, 'No tests defined')
  const accessError = (outputs.audit ?? '').split('\n').map((l) => l.trim()).find((l) => ACCESS_ERRORS.some((p) => l.startsWith(p)))
  if (accessError) return run('WARN', accessError, '', outputs.audit ?? '')
  try {
    const outcome = executeTests(check, outputs)
    return run(outcome.pass ? 'PASS' : failed, '', outcome.expected, outcome.actual)
  } catch (error) {
    return run(failed, (error as Error).message)
  }
}
