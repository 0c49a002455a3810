import { LIST_OPERATORS, SYMBOL_OPERATORS, WORD_OPERATORS, type ConditionNode, type Literal } from './ast.js'
import { FalcoCompileError } from './compile-error.js'

/**
 * A rule exception as written in YAML (Falco `exceptions:` item).
 * @example
 * const e: FalcoException = { name: 'robots', fields: 'ka.user.name', values: ['r2'] }
 */
export interface FalcoException {
  name: string
  fields?: unknown
  comps?: unknown
  values?: unknown
}

const COMPARISONS = new Set([...SYMBOL_OPERATORS, ...WORD_OPERATORS.filter((o) => o !== 'exists')])

function fail(exception: string, detail: string): never {
  throw new FalcoCompileError('KUBESIEM_FALCO_BAD_EXCEPTION', { exception, detail })
}

function fieldRef(field: unknown, exc: string): { field: string; arg?: string; transformers: string[] } {
  if (typeof field !== 'string') fail(exc, 'fields must be strings')
  const m = /^([a-zA-Z_][a-zA-Z0-9_.]*)(?:\[(.*)\])?$/.exec(field)
  if (!m) fail(exc, `"${field}" is not a field`)
  return { field: m[1], arg: m[2], transformers: [] }
}

function check(field: unknown, comp: string, value: unknown, exc: string): ConditionNode {
  if (!COMPARISONS.has(comp)) fail(exc, `"${comp}" is not a comparison operator`)
  const lhs = fieldRef(field, exc)
  if (LIST_OPERATORS.has(comp)) {
    // A bare string after `in` is pasted as `(value)`, so it may name a list; arrays are literal items.
    const items: Literal[] = Array.isArray(value)
      ? value.map((v) => ({ value: String(v), quoted: false }))
      : [{ value: String(value), quoted: false }]
    return { kind: 'check', lhs, op: comp, rhs: { kind: 'list', items }, pos: 0 }
  }
  return { kind: 'check', lhs, op: comp, rhs: { kind: 'value', value: { value: String(value), quoted: true } }, pos: 0 }
}

function exceptionNode(exc: FalcoException): ConditionNode | undefined {
  const values = exc.values ?? []
  if (!Array.isArray(values)) fail(exc.name, 'values must be a list')
  if (values.length === 0) return undefined
  if (Array.isArray(exc.fields)) {
    const fields = exc.fields
    const comps = exc.comps === undefined ? fields.map(() => '=') : exc.comps
    if (!Array.isArray(comps) || comps.length !== fields.length) fail(exc.name, 'comps must be a list as long as fields')
    const tuples = values.map((tuple, i) => {
      if (!Array.isArray(tuple) || tuple.length !== fields.length) fail(exc.name, `value ${i + 1} must be a list of ${fields.length} item(s), one per field`)
      const parts = fields.map((f, j) => check(f, String(comps[j]), tuple[j], exc.name))
      return parts.length === 1 ? parts[0] : ({ kind: 'and', children: parts } as ConditionNode)
    })
    return tuples.length === 1 ? tuples[0] : { kind: 'or', children: tuples }
  }
  if (typeof exc.fields !== 'string') fail(exc.name, 'fields is required (a field or a list of fields)')
  const comp = exc.comps === undefined ? 'in' : String(exc.comps)
  if (LIST_OPERATORS.has(comp)) return check(exc.fields, comp, values, exc.name)
  const parts = values.map((v) => check(exc.fields, comp, v, exc.name))
  return parts.length === 1 ? parts[0] : { kind: 'or', children: parts }
}

/**
 * Turn a rule's condition and exceptions into `(condition) and not (exc1) and not (exc2)`, Falco style.
 * @example
 * withExceptions(ast, [{ name: 'robot', fields: ['ka.user.name'], comps: ['endswith'], values: [['@robot']] }])
 */
export function withExceptions(condition: ConditionNode, exceptions: readonly FalcoException[]): ConditionNode {
  const nots = exceptions.flatMap((e) => {
    if (typeof e.name !== 'string' || e.name === '') fail(String(e.name), 'every exception needs a name')
    const node = exceptionNode(e)
    return node ? [{ kind: 'not', child: node } as ConditionNode] : []
  })
  return nots.length === 0 ? condition : { kind: 'and', children: [condition, ...nots] }
}
