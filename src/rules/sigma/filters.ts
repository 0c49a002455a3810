import type { Problem } from '../../core/index.js'
import type { LoadedRule } from './compile-rule.js'
import { compileDetection } from './detection.js'
import type { SigmaLoadOptions } from './options.js'
import { report, suggest, type Reporter } from './problems.js'
import { logsourceOf } from './rule-meta.js'
import { entryOf, toPlain, type YFile, type YNode } from './yaml-tree.js'

/**
 * Apply a Sigma filter document: when its condition matches an event, the referenced rules do not.
 * (We read the filter condition as "what to exclude", as the spec's example does: `User|startswith: adm_`
 * with `condition: selection` excludes admin accounts.) Only rules with a fitting logsource are tuned.
 * @example
 * applyFilter(file, doc.root, doc.at, 0, loadedRulesByRef, problems, options)
 */
export function applyFilter(file: YFile, root: YNode, docAt: number, docIndex: number, byRef: Map<string, LoadedRule>, problems: Problem[], options: SigmaLoadOptions): void {
  const meta = toPlain(root) as Record<string, unknown>
  const id = typeof meta.id === 'string' ? meta.id : `${file.path}#${docIndex + 1}`
  const rep: Reporter & { placeholders?: Record<string, string[]> } = { ruleId: id, file: file.path, problems, pos: file.pos, placeholders: options.placeholders }
  const filter = entryOf(root, 'filter')
  if (!filter || filter.value.kind !== 'map') {
    report(rep, 'KUBESIEM_SIGMA_BAD_FIELD', filter?.at ?? docAt, { field: 'filter', expected: 'a map with rules, selection and condition', got: filter ? filter.value.kind : 'nothing' })
    return
  }
  const rulesEntry = entryOf(filter.value, 'rules')
  const refs = rulesEntry?.value.kind === 'seq' ? rulesEntry.value.items : rulesEntry?.value.kind === 'scalar' ? [rulesEntry.value] : []
  if (refs.length === 0) {
    report(rep, 'KUBESIEM_SIGMA_MISSING_FIELD', filter.at, { field: 'filter.rules', expected: 'a list of rule ids or names to tune' })
    return
  }
  const detection: YNode = { kind: 'map', at: filter.value.at, entries: filter.value.entries.filter((e) => e.key !== 'rules') }
  const compiled = compileDetection(detection, rep)
  if (!compiled) return
  const logsource = logsourceOf(meta.logsource)
  for (const ref of refs) {
    const name = ref.kind === 'scalar' ? (ref.value ?? '') : ''
    const target = byRef.get(name)
    if (!target) {
      report(rep, 'KUBESIEM_SIGMA_UNKNOWN_RULE_REF', ref.at, { kind: 'filter', ref: name, suggestion: suggest(name, byRef.keys()) }, 'warning')
      continue
    }
    const ruleSource = target.rule.logsource
    const fits = (['product', 'service', 'category'] as const).every((k) => logsource[k] === undefined || logsource[k] === ruleSource[k])
    if (!fits) {
      report(rep, 'KUBESIEM_SIGMA_FILTER_LOGSOURCE', ref.at, { ref: name, filterLogsource: JSON.stringify(logsource), ruleLogsource: JSON.stringify(ruleSource) }, 'warning')
      continue
    }
    target.excludes.push(compiled.pred)
  }
}
