import { compileConditionTree, ConditionSyntaxError, type ConditionIssue } from './condition-compile.js'
import { parseCondition } from './condition-parser.js'
import { allFacts, anyFacts } from './facts.js'
import type { MatchContext } from './field-matcher.js'
import { report, suggest } from './problems.js'
import { compileSelection, type Selection } from './selection.js'
import type { YNode } from './yaml-tree.js'

const NOT_IDENTIFIERS = new Set(['condition', 'timeframe'])

/**
 * Compile a `detection` block (search identifiers + condition) into one predicate and its index facts.
 * Reports every problem it finds and returns undefined when the rule cannot run.
 * @example
 * const compiled = compileDetection(detectionNode, ctx)
 * compiled?.pred(event)
 */
export function compileDetection(detection: YNode, ctx: MatchContext): Selection | undefined {
  if (detection.kind !== 'map') {
    report(ctx, 'KUBESIEM_SIGMA_BAD_FIELD', detection.at, { field: 'detection', expected: 'a map of search identifiers and a condition', got: detection.kind })
    return undefined
  }
  const selections = new Map<string, Selection>()
  const failed = new Set<string>()
  let ok = true
  let condition: YNode | undefined
  for (const e of detection.entries) {
    if (e.key === 'condition') condition = e.value
    if (NOT_IDENTIFIERS.has(e.key)) continue
    const s = compileSelection(e.value, ctx)
    if (s) selections.set(e.key, s)
    else {
      failed.add(e.key)
      ok = false
    }
  }
  if (!condition) {
    report(ctx, 'KUBESIEM_SIGMA_MISSING_FIELD', detection.at, { field: 'detection.condition', expected: 'a condition such as "selection and not filter"' })
    return undefined
  }
  const texts = condition.kind === 'seq' ? condition.items : [condition]
  const parts: Selection[] = []
  for (const node of texts) {
    if (node.kind !== 'scalar' || node.value === null) {
      report(ctx, 'KUBESIEM_SIGMA_BAD_FIELD', node.at, { field: 'condition', expected: 'a condition string or a list of them', got: node.kind })
      return undefined
    }
    const base = node.at + (node.plain ? 0 : 1)
    try {
      const issues: ConditionIssue[] = []
      parts.push(compileConditionTree(parseCondition(node.value), selections, issues))
      for (const issue of issues) {
        if (failed.has(issue.name)) continue
        if (issue.kind === 'undefined') {
          report(ctx, 'KUBESIEM_SIGMA_UNDEFINED_SELECTION', base + issue.at, { name: issue.name, suggestion: suggest(issue.name, selections.keys()) })
          ok = false
        } else report(ctx, 'KUBESIEM_SIGMA_EMPTY_PATTERN', base + issue.at, { pattern: issue.name }, 'warning')
      }
    } catch (err) {
      if (!(err instanceof ConditionSyntaxError)) throw err
      report(ctx, 'KUBESIEM_SIGMA_BAD_CONDITION', base + err.at, { detail: `${err.message} in "${node.value}"` })
      ok = false
    }
  }
  if (!ok || parts.length === 0) return undefined
  if (parts.length === 1) return parts[0]
  const preds = parts.map((p) => p.pred)
  return { pred: (ev) => preds.some((p) => p(ev)), facts: anyFacts(parts.map((p) => p.facts)), negFacts: allFacts(parts.map((p) => p.negFacts)) }
}
