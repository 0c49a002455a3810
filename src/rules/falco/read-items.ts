import type { Node as YamlNode } from 'yaml'
import { yamlLib } from '../lazy-yaml.js'
import type { Problem } from '../../core/errors.js'
import { falcoProblem } from './problem.js'

/**
 * Where an item or one of its values sits in a rules file.
 * @example
 * const loc: Loc = { file: 'k8s_audit_rules.yaml', line: 12, col: 3 }
 */
export interface Loc {
  file: string
  line: number
  col: number
}

/**
 * One top-level item of a rules file, as plain data with its locations (falco `rule_loader_reader`).
 * @example
 * readItems(file).items.filter((i) => i.kind === 'rule')
 */
export interface RawItem {
  kind: 'rule' | 'macro' | 'list' | 'required_engine_version' | 'required_plugin_versions'
  body: Record<string, unknown>
  loc: Loc
  /** Location of each key's value, for messages about that key. */
  keyLocs: Record<string, Loc>
}

/** A rules file read into items: plain data, so a thread that read it can hand it to others. */
export interface ReadItems {
  items: RawItem[]
  problems: Problem[]
}

const KINDS = ['rule', 'macro', 'list', 'required_engine_version', 'required_plugin_versions'] as const

/**
 * Read one rules file into items, keeping file:line:col for each; YAML errors become problems.
 * @example
 * const { items, problems } = readItems({ path: 'k8s_audit_rules.yaml', text })
 */
export function readItems(file: { path: string; text: string }): ReadItems {
  const { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } = yamlLib()
  const lc = new LineCounter()
  const at = (offset: number | undefined): Loc => {
    const p = lc.linePos(offset ?? 0)
    return { file: file.path, line: p.line, col: p.col }
  }
  const items: RawItem[] = []
  const problems: Problem[] = []
  for (const doc of parseAllDocuments(file.text, { lineCounter: lc })) {
    for (const err of doc.errors) problems.push(falcoProblem('KUBESIEM_FALCO_YAML_SYNTAX', { detail: err.message.split('\n')[0] }, at(err.pos[0])))
    if (doc.errors.length > 0 || doc.contents === null) continue
    if (!isSeq(doc.contents)) {
      problems.push(falcoProblem('KUBESIEM_FALCO_YAML_SYNTAX', { detail: 'a rules file must be a YAML sequence of items' }, at(doc.contents.range?.[0])))
      continue
    }
    // toJS on the whole document resolves anchors and aliases, which a lone node cannot.
    let values: unknown[]
    try {
      values = doc.toJS({ maxAliasCount: 1000 }) as unknown[]
    } catch (err) {
      problems.push(falcoProblem('KUBESIEM_FALCO_YAML_SYNTAX', { detail: (err as Error).message }, at(doc.contents.range?.[0])))
      continue
    }
    for (const [i, node] of (doc.contents.items as YamlNode[]).entries()) {
      const loc = at(node.range?.[0])
      if (!isMap(node)) {
        problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: 'item', detail: 'expected a mapping such as "- rule: …"' }, loc))
        continue
      }
      const body = values[i] as Record<string, unknown>
      const kind = KINDS.find((k) => k in body)
      if (!kind) {
        problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: 'item', detail: `unknown item with keys ${Object.keys(body).join(', ')}` }, loc))
        continue
      }
      const keyLocs: Record<string, Loc> = {}
      for (const pair of node.items) {
        if (isScalar(pair.key)) keyLocs[String(pair.key.value)] = at((pair.value as YamlNode | null)?.range?.[0] ?? pair.key.range?.[0])
      }
      items.push({ kind, body, loc, keyLocs })
    }
  }
  return { items, problems }
}
