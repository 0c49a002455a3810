import type { Document, Node } from 'yaml'
import { yamlLib } from '../lazy-yaml.js'

/** A YAML node reduced to what Sigma needs, keeping the source offset for located problems. */
export type YNode =
  | { kind: 'map'; at: number; entries: YEntry[] }
  | { kind: 'seq'; at: number; items: YNode[] }
  | { kind: 'scalar'; at: number; value: string | null; plain: boolean }

/** One `key: value` pair of a YAML map. */
export interface YEntry {
  key: string
  at: number
  value: YNode
}

/** One parsed YAML document of a file, or the YAML error that spoiled it. */
export interface YDoc {
  index: number
  at: number
  root?: YNode
  /** For a broken document: the `id:` it seems to declare, so the problem can name the rule. */
  error?: { message: string; at: number; ruleId?: string }
}

/** A parsed file: its documents plus a way to turn offsets into line:col. */
export interface YFile {
  path: string
  docs: YDoc[]
  pos(at: number): { line: number; col: number }
}

/**
 * A file's parsed documents as plain data: a thread that parsed the rules hands them to the
 * detection workers, which then compile without parsing YAML again.
 */
export interface ParsedYaml {
  docs: YDoc[]
  /** Offsets where lines start, for line:col (yaml's LineCounter). */
  lineStarts: number[]
}

/**
 * Parse every document of a YAML file. Scalars stay strings: a plain `0x17` keeps its source text,
 * so `EventID: 0x17` matches the event text and `null`/`~` become null.
 * @example
 * const file = readYamlFile('rules.yml', 'title: a\n---\ntitle: b\n')
 * file.docs.length // 2
 */
export function readYamlFile(path: string, text: string): YFile {
  return yamlFile(path, parseYaml(text))
}

/**
 * {@link readYamlFile}'s parsing half.
 * @example parseYaml('title: a\n').docs[0].root?.kind // 'map'
 */
export function parseYaml(text: string): ParsedYaml {
  const { LineCounter, parseAllDocuments } = yamlLib()
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false }) as Document.Parsed[] | { errors: unknown[] }
  const docs: YDoc[] = []
  const list = Array.isArray(parsed) ? parsed : []
  list.forEach((doc, index) => {
    const at = doc.range?.[0] ?? 0
    const err = doc.errors[0]
    if (err) {
      const ruleId = /^id:[ \t]*['"]?([^'"\s#]+)/m.exec(text.slice(at, doc.range?.[2] ?? text.length))?.[1]
      docs.push({ index, at, error: { message: err.message.split('\n')[0], at: err.pos[0], ...(ruleId ? { ruleId } : {}) } })
      return
    }
    if (doc.contents === null) return
    docs.push({ index, at, root: toTree(doc.contents as Node, doc, text) })
  })
  return { docs, lineStarts: lineCounter.lineStarts }
}

/**
 * A parsed file with its line:col lookup, from {@link parseYaml}'s plain data.
 * @example yamlFile('rules.yml', parseYaml(text)).pos(0) // { line: 1, col: 1 }
 */
export function yamlFile(path: string, parsed: ParsedYaml): YFile {
  return { path, docs: parsed.docs, pos: (at) => linePos(parsed.lineStarts, at) }
}

// yaml's LineCounter.linePos over the line starts it recorded (1-based line and column), without
// loading the package where the text was parsed elsewhere.
function linePos(lineStarts: number[], offset: number): { line: number; col: number } {
  let low = 0
  let high = lineStarts.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (lineStarts[mid]! < offset) low = mid + 1
    else high = mid
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 }
  if (low === 0) return { line: 0, col: offset }
  return { line: low, col: offset - lineStarts[low - 1]! + 1 }
}

function toTree(node: Node, doc: Document.Parsed, text: string): YNode {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib()
  if (isAlias(node)) return toTree(node.resolve(doc) as Node, doc, text)
  const at = node.range?.[0] ?? 0
  if (isMap(node)) {
    const entries: YEntry[] = []
    for (const pair of node.items) {
      const key = pair.key as Node | null
      const keyText = isScalar(key) ? (key.value === null ? '' : String(key.value)) : ''
      const value: YNode = pair.value ? toTree(pair.value as Node, doc, text) : { kind: 'scalar', at, value: null, plain: true }
      entries.push({ key: keyText, at: key?.range?.[0] ?? at, value })
    }
    return { kind: 'map', at, entries }
  }
  if (isSeq(node)) return { kind: 'seq', at, items: node.items.map((item) => toTree(item as Node, doc, text)) }
  if (isScalar(node)) {
    const plain = node.type === 'PLAIN'
    const v = node.value
    if (v === null || v === undefined) return { kind: 'scalar', at, value: null, plain }
    // Keep the source of plain numbers: 0x17 and 1e3 are ids in logs, not arithmetic.
    if (typeof v === 'number' && plain && node.range) return { kind: 'scalar', at, value: text.slice(node.range[0], node.range[1]), plain }
    return { kind: 'scalar', at, value: String(v), plain }
  }
  return { kind: 'scalar', at, value: null, plain: true }
}

/**
 * Plain JavaScript view of a node for metadata (title, tags, logsource ...).
 * @example
 * toPlain({ kind: 'scalar', at: 0, value: 'x', plain: true }) // 'x'
 */
export function toPlain(node: YNode | undefined): unknown {
  if (!node) return undefined
  if (node.kind === 'scalar') return node.value
  if (node.kind === 'seq') return node.items.map(toPlain)
  const out: Record<string, unknown> = {}
  for (const e of node.entries) out[e.key] = toPlain(e.value)
  return out
}

/**
 * The entry named `key` of a map node.
 * @example
 * entryOf(root, 'detection')?.value
 */
export function entryOf(node: YNode | undefined, key: string): YEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined
}
