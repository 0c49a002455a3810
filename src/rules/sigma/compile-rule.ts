import type { Problem } from '../../core/index.js'
import type { CompiledRule, RuleIndexKeys } from '../rule.js'
import { compileDetection } from './detection.js'
import type { Pred } from './field-matcher.js'
import type { SigmaLoadOptions } from './options.js'
import { report, type Reporter } from './problems.js'
import { logsourceOf, mitreOf, severityOf, stringList, summarizeAudit } from './rule-meta.js'
import { entryOf, toPlain, type YFile, type YNode } from './yaml-tree.js'

/** A compiled detection rule plus what filters and correlations need to refer to it. */
export interface LoadedRule {
  rule: CompiledRule
  name?: string
  at: number
  /** Filters add exclusions here after loading; `rule.match` honours them. */
  excludes: Pred[]
}

/**
 * Compile one Sigma detection rule document; problems go to `problems`, and a broken rule gives undefined.
 * @example
 * const loaded = compileRule(file, doc.root, doc.at, 0, problems, {})
 * loaded?.rule.match(event)
 */
export function compileRule(file: YFile, root: YNode, docAt: number, docIndex: number, problems: Problem[], options: SigmaLoadOptions): LoadedRule | undefined {
  const meta = toPlain(root) as Record<string, unknown>
  const id = typeof meta.id === 'string' && meta.id !== '' ? meta.id : `${file.path}#${docIndex + 1}`
  const rep: Reporter & { placeholders?: Record<string, string[]> } = { ruleId: id, file: file.path, problems, pos: file.pos, placeholders: options.placeholders }
  const before = problems.length
  if (typeof meta.title !== 'string' || meta.title === '') report(rep, 'KUBESIEM_SIGMA_MISSING_FIELD', docAt, { field: 'title', expected: 'a short text naming what the rule detects' })
  if (!meta.logsource || typeof meta.logsource !== 'object') report(rep, 'KUBESIEM_SIGMA_MISSING_FIELD', docAt, { field: 'logsource', expected: 'a map with product, service and/or category' })
  const detection = entryOf(root, 'detection')?.value
  const compiled = detection ? compileDetection(detection, rep) : undefined
  if (!compiled || problems.slice(before).some((p) => p.severity === 'error')) return undefined
  const title = meta.title as string
  const tags = stringList(meta.tags)
  const index: RuleIndexKeys = {}
  if (compiled.facts.verb) index.verb = [...compiled.facts.verb].sort()
  if (compiled.facts.resource) index.resource = [...compiled.facts.resource].sort()
  if (compiled.facts.subresource) index.subresource = [...compiled.facts.subresource].sort()
  if (compiled.facts.code) index.code = [...compiled.facts.code].sort()
  const logsource = logsourceOf(meta.logsource)
  if (options.warnNotIndexable && logsource.product === 'kubernetes' && Object.keys(index).length === 0) report(rep, 'KUBESIEM_SIGMA_NOT_INDEXABLE', docAt, {}, 'warning')
  const excludes: Pred[] = []
  const pred = compiled.pred
  const author = stringList(meta.author).join(', ') || undefined
  const license = typeof meta.license === 'string' ? meta.license : options.license
  const rule: CompiledRule = {
    ref: { id, title, source: 'sigma', ...(author ? { author } : {}), ...(license ? { license } : {}) },
    severity: severityOf(meta.level),
    mitre: mitreOf(tags),
    tags,
    ...(typeof meta.status === 'string' ? { status: meta.status } : {}),
    enabled: true,
    logsource,
    index,
    match: (event) => {
      if (!pred(event)) return false
      for (const exclude of excludes) if (exclude(event)) return false
      return true
    },
    summarize: (event) => summarizeAudit(title, event),
  }
  return { rule, name: typeof meta.name === 'string' ? meta.name : undefined, at: docAt, excludes }
}
