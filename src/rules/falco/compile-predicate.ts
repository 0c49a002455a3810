import type { ConditionNode, FieldRef, Literal, Operand } from './ast.js'
import { everyPred, somePred } from '../combine.js'
import { FalcoCompileError } from './compile-error.js'
import { resolveField, type ExtractContext } from './fields.js'
import type { FieldValue } from './json-values.js'
import { compareValues, pmatchTest, scalarTest } from './operators.js'
import { applyTransformer, isLhsTransformer } from './transformers.js'

/**
 * A compiled condition: true when the event matches.
 * @example
 * const always: Predicate = () => true
 */
export type Predicate = (ev: Record<string, unknown>) => boolean
type Getter = (ev: Record<string, unknown>) => FieldValue

const LIST_FIELD_OPS = new Set(['in', 'intersects', 'exists'])

/** libsinsp treats an extraction with no values as "field not present". */
const present = (v: FieldValue): boolean => v !== undefined && !(Array.isArray(v) && v.length === 0)

/**
 * Compile a macro-free condition tree into one closure. Lists are substituted here: an unquoted
 * item naming a list becomes that list's items, any other word stays a literal (as in Falco).
 * @example
 * const match = compilePredicate(ast, new Map([['ns', ['a', 'b']]]), {})
 */
export function compilePredicate(node: ConditionNode, lists: ReadonlyMap<string, readonly string[]>, ctx: ExtractContext): Predicate {
  switch (node.kind) {
    case 'and': {
      return everyPred(node.children.map((c) => compilePredicate(c, lists, ctx)))
    }
    case 'or': {
      return somePred(node.children.map((c) => compilePredicate(c, lists, ctx)))
    }
    case 'not': {
      const inner = compilePredicate(node.child, lists, ctx)
      return (ev) => !inner(ev)
    }
    case 'macro':
      throw new FalcoCompileError('KUBESIEM_FALCO_UNDEFINED_MACRO', { name: node.name })
    case 'check':
      return compileCheck(node.lhs, node.op, node.rhs, lists, ctx)
  }
}

function fieldGetter(ref: FieldRef, ctx: ExtractContext): { get: Getter; list: boolean } {
  const res = resolveField(ref.field, ref.arg)
  if ('error' in res) {
    if (res.error === 'unknown') throw new FalcoCompileError('KUBESIEM_FALCO_UNKNOWN_FIELD', { name: ref.field, detail: res.detail })
    throw new FalcoCompileError('KUBESIEM_FALCO_BAD_OPERATOR', { detail: res.detail })
  }
  for (const t of ref.transformers) {
    if (!isLhsTransformer(t)) throw new FalcoCompileError('KUBESIEM_FALCO_BAD_OPERATOR', { detail: `transformer "${t}" cannot be used here` })
  }
  const { def, arg } = res
  const get: Getter = ref.transformers.length === 0
    ? (ev) => def.extract(ev, arg, ctx)
    : (ev) => ref.transformers.reduce<FieldValue>((v, t) => applyTransformer(t, v), def.extract(ev, arg, ctx))
  return { get, list: def.list && !ref.transformers.includes('len') }
}

function expandItems(items: Literal[], lists: ReadonlyMap<string, readonly string[]>): string[] {
  return items.flatMap((i) => (!i.quoted && lists.has(i.value) ? [...lists.get(i.value)!] : [i.value]))
}

function compileCheck(lhs: FieldRef, op: string, rhs: Operand | undefined, lists: ReadonlyMap<string, readonly string[]>, ctx: ExtractContext): Predicate {
  const { get, list } = fieldGetter(lhs, ctx)
  if (op === 'exists') return (ev) => present(get(ev))
  if (list && !LIST_FIELD_OPS.has(op)) {
    throw new FalcoCompileError('KUBESIEM_FALCO_BAD_OPERATOR', { detail: `list field "${lhs.field}" only supports operators exists, in and intersects, not "${op}"` })
  }
  if (!rhs) throw new FalcoCompileError('KUBESIEM_FALCO_CONDITION_SYNTAX', { detail: `operator "${op}" needs a value` })
  if (rhs.kind === 'field') {
    const other = fieldGetter(rhs.ref, ctx)
    if (list || other.list) throw new FalcoCompileError('KUBESIEM_FALCO_BAD_OPERATOR', { detail: 'val() comparisons need single-value fields' })
    return (ev) => {
      const a = get(ev)
      const b = other.get(ev)
      return typeof a === 'string' && typeof b === 'string' && compareValues(op, a, b)
    }
  }
  if (rhs.kind === 'list') {
    const values = expandItems(rhs.items, lists)
    if (op === 'pmatch') {
      const test = pmatchTest(values)
      return (ev) => {
        const v = get(ev)
        return typeof v === 'string' && test(v)
      }
    }
    const set = new Set(values)
    if (list) {
      // On list fields `in` means every value is in the set, `intersects` at least one.
      return op === 'in'
        ? (ev) => { const v = get(ev); return Array.isArray(v) && v.length > 0 && v.every((x) => set.has(x)) }
        : (ev) => { const v = get(ev); return Array.isArray(v) && v.some((x) => set.has(x)) }
    }
    return (ev) => {
      const v = get(ev)
      return typeof v === 'string' && set.has(v)
    }
  }
  let test: (v: string) => boolean
  try {
    test = scalarTest(op, rhs.value.value)
  } catch (err) {
    throw new FalcoCompileError('KUBESIEM_FALCO_CONDITION_SYNTAX', { detail: `${lhs.field} ${op} ${rhs.value.value}: ${(err as Error).message}` })
  }
  return (ev) => {
    const v = get(ev)
    return typeof v === 'string' && test(v)
  }
}
