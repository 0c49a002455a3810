import { compareOp } from './compare-op.js'
import { findValue, type AuditSource } from './find-value.js'
import type { TestItem } from './types.js'

/** The verdict of one test item against one audit output. */
export interface ItemOutcome {
  pass: boolean
  found: boolean
  expected: string
  actual: string
}

/**
 * Evaluate a test item against an audit output; with `multiple`, every line must pass
 * (kube-bench's use_multiple_values).
 * @example
 * executeItem(item, 'command', 'kube-apiserver --profiling=false', false).pass
 */
export function executeItem(item: TestItem, source: AuditSource, output: string, multiple: boolean): ItemOutcome {
  const text = output.replace(/[ \n]+$/, '')
  let outcome: ItemOutcome = { pass: false, found: false, expected: '', actual: text }
  for (const row of multiple ? text.split('\n') : [text]) {
    outcome = evaluateRow(item, source, row)
    if (!outcome.pass) break
  }
  // Upstream reports the whole output as the actual value, even when a row could not be read.
  return { ...outcome, actual: text }
}

function evaluateRow(item: TestItem, source: AuditSource, row: string): ItemOutcome {
  const found = findValue(item, source, row)
  if (found.error) return { pass: false, found: false, expected: '', actual: found.error }
  const name = source === 'config' ? item.path : source === 'env' ? item.env : item.flag
  if (!item.set) return { pass: !found.match, found: found.match, expected: `'${name}' is not present`, actual: row }
  if (found.match && item.compare?.op) {
    const { expected, pass } = compareOp(item.compare.op, found.value, item.compare.value, name)
    return { pass, found: true, expected, actual: row }
  }
  return { pass: found.match, found: found.match, expected: `'${name}' is present`, actual: row }
}
