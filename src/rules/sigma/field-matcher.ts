import RE2 from 're2'
import { allStrings, compileFieldPath, toText } from './field-path.js'
import { compileCidr } from './ip.js'
import { parseModifiers, type ModifierChain } from './modifiers.js'
import { report, type Reporter } from './problems.js'
import type { TextTest } from './value-tests.js'
import { buildStringValue, expandPlaceholders, placeholderNames } from './string-value.js'
import { timePart } from './time-parts.js'
import { compareWith, compileFieldref } from './value-tests.js'
import { compilePattern, literalOf } from './wildcard.js'
import type { YNode } from './yaml-tree.js'

/** A compiled predicate over one event. */
export type Pred = (event: Record<string, unknown>) => boolean

/** Equality facts a predicate requires (lower-case verbs / resources), used for the rule index. */
export interface Facts {
  verb?: Set<string>
  resource?: Set<string>
}

/** What compiling detection values needs beyond the reporter. */
export interface MatchContext extends Reporter {
  placeholders?: Record<string, string[]>
}

type ValueTest = (values: unknown[], found: boolean, event: Record<string, unknown>) => boolean

const INDEXED: Record<string, keyof Facts> = { verb: 'verb', 'objectRef.resource': 'resource' }
const NUMERIC = /^-?\d+(\.\d+)?$/

/**
 * Compile one `field|modifiers: value(s)` entry of a search identifier. An empty field name
 * (`'|all': [...]`) is a keyword search over every value of the event.
 * @example
 * compileFieldEntry('CommandLine|contains|all', 0, valuesNode, ctx)?.pred(event)
 */
export function compileFieldEntry(key: string, at: number, node: YNode, ctx: MatchContext): { pred: Pred; facts: Facts } | undefined {
  const [field, ...mods] = key.split('|')
  const chain = parseModifiers(mods, ctx, at)
  if (!chain) return undefined
  const keyword = field === ''
  if (keyword && !chain.steps.some((s) => s === 'contains' || s === 'startswith' || s === 'endswith') && chain.re === undefined) chain.steps.unshift('contains')
  const scalars = node.kind === 'seq' ? node.items : [node]
  const tests: ValueTest[] = []
  for (const item of scalars) {
    if (item.kind !== 'scalar') {
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected: 'a string, number, boolean or null', got: item.kind === 'map' ? 'a map' : 'a nested list' })
      return undefined
    }
    const test = compileValue(item, chain, ctx, keyword)
    if (!test) return undefined
    tests.push(test)
  }
  const read = keyword ? undefined : compileFieldPath(field)
  const combined: ValueTest = chain.all ? (v, f, e) => tests.every((t) => t(v, f, e)) : (v, f, e) => tests.some((t) => t(v, f, e))
  const pred: Pred = (event) => {
    let values: unknown[] = []
    let found = true
    if (read) found = read(event, values)
    else values = allStrings(event)
    const hit = combined(values, found, event)
    // neq negates the whole entry, so a missing field counts as different (pySigma renders `not field=value`).
    return chain.neq ? !hit : hit
  }
  return { pred, facts: factsOf(field, chain, scalars) }
}

function compileValue(item: YNode & { kind: 'scalar' }, chain: ModifierChain, ctx: MatchContext, keyword: boolean): ValueTest | undefined {
  const raw = item.value
  if (chain.exists) {
    const want = String(raw).toLowerCase()
    if (want !== 'true' && want !== 'false') return badValue(ctx, item, 'true or false for exists', String(raw))
    return (_v, found) => found === (want === 'true')
  }
  if (raw === null) {
    if (keyword) return badValue(ctx, item, 'a keyword string', 'null')
    return (values, found) => !found || values.includes(null)
  }
  if (chain.expand) {
    for (const name of placeholderNames(raw)) {
      if (ctx.placeholders && Object.prototype.hasOwnProperty.call(ctx.placeholders, name)) continue
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected: `a value for placeholder %${name}% in the placeholders option (until then it matches nothing)`, got: 'none' }, 'warning')
    }
  }
  const raws = chain.expand ? expandPlaceholders(raw, ctx.placeholders) : [raw]
  const textTests: TextTest[] = []
  for (const r of raws) {
    const t = compileText(r, item, chain, ctx)
    if (!t) return undefined
    textTests.push(t)
  }
  return (values, _found, event) =>
    values.some((v) => {
      const text = toText(v)
      return text !== undefined && textTests.some((t) => t(text, v, event))
    })
}

function compileText(raw: string, item: YNode, chain: ModifierChain, ctx: MatchContext): TextTest | undefined {
  if (chain.re !== undefined) {
    try {
      const re = new RE2(raw, chain.re)
      return (text) => re.test(text)
    } catch (err) {
      report(ctx, 'KUBESIEM_SIGMA_BAD_REGEX', item.at, { pattern: raw, detail: (err as Error).message })
      return undefined
    }
  }
  if (chain.cidr) {
    const test = compileCidr(raw)
    return test ? (text) => test(text) : badValue(ctx, item, 'an IPv4 or IPv6 CIDR such as 10.0.0.0/8', raw)
  }
  if (chain.timePart || chain.compare) {
    const want = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(want)) return badValue(ctx, item, 'a number', raw)
    const cmp = compareWith(chain.compare, want)
    const part = chain.timePart
    return (text, value) => {
      const n = part ? timePart(value, part) : typeof value === 'number' ? value : text.trim() === '' ? NaN : Number(text)
      return n !== undefined && !Number.isNaN(n) && cmp(n)
    }
  }
  if (chain.fieldref) return compileFieldref(raw, chain)
  const sv = buildStringValue(raw, chain.steps, ctx, item.at)
  if (!sv) return undefined
  const tests = sv.patterns.map((p) => {
    const test = compilePattern(p, { cased: chain.cased, fold: sv.fold })
    const lit = literalOf(p)
    if (lit === undefined || !NUMERIC.test(lit)) return (text: string) => test(text)
    const num = Number(lit)
    return (text: string, value: unknown) => test(text) || value === num
  })
  return tests.length === 1 ? tests[0] : (text, value) => tests.some((t) => t(text, value))
}

function badValue(ctx: MatchContext, item: YNode, expected: string, got: string): undefined {
  report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected, got: JSON.stringify(got) })
  return undefined
}

function factsOf(field: string, chain: ModifierChain, items: YNode[]): Facts {
  const slot = INDEXED[field]
  const plain = chain.steps.length === 0 && !chain.all && !chain.neq && !chain.exists && !chain.fieldref && !chain.expand && !chain.cidr && chain.re === undefined && !chain.compare && !chain.timePart
  if (!slot || !plain) return {}
  const set = new Set<string>()
  for (const item of items) {
    if (item.kind !== 'scalar' || item.value === null || /[*?]/.test(item.value)) return {}
    set.add(item.value.toLowerCase())
  }
  return { [slot]: set }
}
