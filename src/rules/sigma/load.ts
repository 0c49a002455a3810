import { formatMessage, type Problem } from '../../core/index.js'
import { compileRule, type LoadedRule } from './compile-rule.js'
import { buildCorrelations } from './correlation-build.js'
import { parseCorrelation, type ParsedCorrelation } from './correlation-parse.js'
import { applyFilter } from './filters.js'
import type { SigmaFile, SigmaLoadOptions, SigmaLoadResult } from './options.js'
import { entryOf, readYamlFile, yamlFile, type YFile, type YNode } from './yaml-tree.js'

interface Doc {
  file: YFile
  root: YNode
  at: number
  index: number
}

/**
 * Load Sigma rules, correlation rules and filters from YAML texts (multi-document files and
 * `action: global` collections included). Never throws on bad content: a broken rule becomes located,
 * coded problems and the others still load. Filters tune rules of the same call.
 * @example
 * const { rules, correlations, problems } = loadSigmaRules([{ path: 'rules/exec.yml', text }], { license: 'DRL-1.1' })
 * problems.forEach((p) => console.error(formatProblem(p)))
 */
export function loadSigmaRules(files: SigmaFile[], options: SigmaLoadOptions = {}): SigmaLoadResult {
  const problems: Problem[] = []
  const docs = [...files, ...(options.filters ?? [])].flatMap((f) => readDocs(f, problems))
  const loaded: LoadedRule[] = []
  const byRef = new Map<string, LoadedRule>()
  const firstSeen = new Map<string, string>()
  const filters: Doc[] = []
  const correlations: ParsedCorrelation[] = []
  for (const doc of docs) {
    if (entryOf(doc.root, 'correlation')) {
      const pc = parseCorrelation(doc.file, doc.root, doc.at, doc.index, problems, options)
      if (pc) correlations.push(pc)
    } else if (entryOf(doc.root, 'filter')) filters.push(doc)
    else if (entryOf(doc.root, 'detection')) {
      const rule = compileRule(doc.file, doc.root, doc.at, doc.index, problems, options)
      if (!rule) continue
      const { line, col } = doc.file.pos(doc.at)
      const where = `${doc.file.path}:${line}:${col}`
      const first = firstSeen.get(rule.rule.ref.id)
      if (first) {
        problems.push(located('KUBESIEM_SIGMA_DUPLICATE_ID', doc, { rule: rule.rule.ref.id, where, first }, rule.rule.ref.id))
        continue
      }
      firstSeen.set(rule.rule.ref.id, where)
      loaded.push(rule)
      byRef.set(rule.rule.ref.id, rule)
      if (rule.name && !byRef.has(rule.name)) byRef.set(rule.name, rule)
    } else {
      const id = entryOf(doc.root, 'id')?.value
      const ruleId = id?.kind === 'scalar' && id.value ? id.value : undefined
      problems.push(located('KUBESIEM_SIGMA_NOT_A_RULE', doc, { where: `${doc.file.path} #${doc.index + 1}`, got: `keys ${doc.root.kind === 'map' ? doc.root.entries.map((e) => e.key).join(', ') : doc.root.kind}` }, ruleId))
    }
  }
  for (const f of filters) applyFilter(f.file, f.root, f.at, f.index, byRef, problems, options)
  const built = buildCorrelations(correlations, byRef, { maxGroups: options.maxGroups, maxEventsPerGroup: options.maxEventsPerGroup })
  return { rules: loaded.map((l) => l.rule), correlations: built, problems }
}

function readDocs(f: SigmaFile, problems: Problem[]): Doc[] {
  const file = f.parsed ? yamlFile(f.path, f.parsed) : readYamlFile(f.path, f.text)
  const out: Doc[] = []
  let global: YNode | undefined
  let previous: YNode | undefined
  for (const d of file.docs) {
    if (d.error || !d.root) {
      const { line, col } = file.pos(d.error?.at ?? d.at)
      const detail = d.error?.message ?? 'empty document'
      const ruleId = d.error?.ruleId
      problems.push({ code: 'KUBESIEM_SIGMA_YAML', severity: 'error', message: formatMessage('KUBESIEM_SIGMA_YAML', { where: `${f.path}:${line}:${col}`, detail }), file: f.path, line, col, ...(ruleId ? { ruleId } : {}) })
      continue
    }
    const action = entryOf(d.root, 'action')?.value
    const act = action?.kind === 'scalar' ? action.value : undefined
    // Sigma rule collections: `action: global` is merged into every later document until `action: reset`.
    if (act === 'global') {
      global = withoutAction(d.root)
      continue
    }
    if (act === 'reset') {
      global = undefined
      continue
    }
    let root = withoutAction(d.root)
    if (act === 'repeat' && previous) root = merge(previous, root)
    else if (global) root = merge(global, root)
    previous = root
    out.push({ file, root, at: d.at, index: d.index })
  }
  return out
}

function withoutAction(node: YNode): YNode {
  return node.kind === 'map' ? { ...node, entries: node.entries.filter((e) => e.key !== 'action') } : node
}

function merge(base: YNode, over: YNode): YNode {
  if (base.kind !== 'map' || over.kind !== 'map') return over
  const entries = base.entries.map((e) => {
    const o = over.entries.find((x) => x.key === e.key)
    return o ? { ...o, value: merge(e.value, o.value) } : e
  })
  for (const o of over.entries) if (!base.entries.some((e) => e.key === o.key)) entries.push(o)
  return { ...over, entries }
}

function located(code: 'KUBESIEM_SIGMA_DUPLICATE_ID' | 'KUBESIEM_SIGMA_NOT_A_RULE', doc: Doc, details: Record<string, string>, ruleId?: string): Problem {
  const { line, col } = doc.file.pos(doc.at)
  return { code, severity: 'error', message: formatMessage(code, details), file: doc.file.path, line, col, ...(ruleId ? { ruleId } : {}) }
}
