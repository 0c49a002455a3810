import { LineCounter, parseAllDocuments, isMap, isSeq, type Document, type Node } from 'yaml'
import { formatMessage, type Problem } from '../../core/errors.js'
import { isRecord, type KubeObject, type Origin, type SourcedObject } from '../types.js'
import { itemLines } from './json-lines.js'

/** Objects decoded from manifest text, and the problems met on the way. */
export interface ParseResult {
  objects: SourcedObject[]
  problems: Problem[]
}

/**
 * Decode manifest text (multi-document YAML, JSON, `kind: List` or any `*List` such as a
 * `kubectl get -A -o json` dump, rendered Helm output) into a flat list of objects with origins.
 * A broken document becomes a Problem and the other documents are still returned.
 * @example
 * const { objects, problems } = parseManifests(readFileSync('all.yaml', 'utf8'), 'all.yaml')
 */
export function parseManifests(text: string, file: string): ParseResult {
  const result: ParseResult = { objects: [], problems: [] }
  if (/^\s*[{[]/.test(text) && parseJson(text, file, result)) return result
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  for (const doc of docs as Iterable<Document>) {
    const at = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line)
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const code = error.code === 'DUPLICATE_KEY' ? 'KUBESIEM_POSTURE_DUPLICATE_KEY' : 'KUBESIEM_POSTURE_YAML_SYNTAX'
        const line = error.linePos?.[0].line ?? at(error.pos[0])
        const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
        result.problems.push(problem(code, file, line, detail, error.linePos?.[0].col))
      }
      continue
    }
    if (doc.contents === null) continue
    const comments = `${doc.commentBefore ?? ''}\n${doc.contents.commentBefore ?? ''}`
    const helmSource = /(?:^|\n)\s*Source: (\S+)/.exec(comments)?.[1]
    collect(doc.contents, doc.toJS({ maxAliasCount: 1000 }) as unknown, { file, line: at(doc.contents.range?.[0]), helmSource }, at, result)
  }
  return result
}

// JSON dumps can be large: JSON.parse plus a line scan instead of the YAML parser. Falls back to
// YAML (which reports where the syntax breaks) when the text is not strict JSON.
function parseJson(text: string, file: string, out: ParseResult): boolean {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return false
  }
  // A bare JSON array of objects is read as a List (not kubectl's shape, but easy to meet).
  const root = Array.isArray(value) ? { kind: 'List', items: value } : value
  const lines = itemLines(Array.isArray(value) ? `{"items":${text}}` : text)
  const firstLine = text.slice(0, text.search(/\S/)).split('\n').length
  const walk = (item: unknown, path: string, line: number): void => {
    if (isRecord(item) && typeof item.kind === 'string' && item.kind.endsWith('List') && Array.isArray(item.items)) {
      const itemsPath = path === '' ? 'items' : `${path}.items`
      const at = lines.get(itemsPath) ?? []
      item.items.forEach((child, i) => walk(child, `${itemsPath}.${i}`, at[i] ?? line))
      return
    }
    collect(null, item, { file, line }, () => line, out)
  }
  walk(root, '', firstLine)
  return true
}

function collect(node: Node | null, value: unknown, origin: Origin, at: (offset?: number) => number, out: ParseResult): void {
  if (value === null || value === undefined) return
  if (!isRecord(value) || typeof value.kind !== 'string') {
    const got = isRecord(value) ? 'a mapping without kind' : Array.isArray(value) ? 'a sequence' : typeof value
    out.problems.push(problem('KUBESIEM_POSTURE_NOT_AN_OBJECT', origin.file, origin.line, got))
    return
  }
  // `kind: List` and typed lists (`PodList`, `DeploymentList`) carry their objects in items.
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    const itemsNode = isMap(node) ? node.get('items', true) : undefined
    value.items.forEach((item, i) => {
      const itemNode = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined
      const line = itemNode?.range ? at(itemNode.range[0]) : origin.line
      collect(itemNode ?? null, item, { ...origin, line }, at, out)
    })
    return
  }
  out.objects.push({ object: value as KubeObject, origin })
}

function problem(code: 'KUBESIEM_POSTURE_DUPLICATE_KEY' | 'KUBESIEM_POSTURE_YAML_SYNTAX' | 'KUBESIEM_POSTURE_NOT_AN_OBJECT', file: string, line: number, detail: string, col?: number): Problem {
  return { code, severity: 'error', message: formatMessage(code, { where: `${file}:${line}`, detail }), file, line, col }
}
