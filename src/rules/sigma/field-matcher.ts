import RE2 from 're2'
import { allValues, compileFieldPath, type FieldValues } from './field-path.js'
import { compileCidr } from './ip.js'
import { parseModifiers, type ModifierChain } from './modifiers.js'
import { report, type Reporter } from './problems.js'
import type { TextTest } from './value-tests.js'
import { buildStringValue, expandPlaceholders, placeholderNames } from './string-value.js'
import { timePart } from './time-parts.js'
import { compareWith, compileFieldref } from './value-tests.js'
import { PatternSet } from './pattern-set.js'
import { foldDashes, type Pattern, type StringTestOptions } from './wildcard.js'
import type { YNode } from './yaml-tree.js'

/** A compiled predicate over one event. */
export type Pred = (event: Record<string, unknown>) => boolean

/** Equality facts a predicate requires (lower-cased values), used for the rule index. */
export interface Facts {
  verb?: Set<string>
  resource?: Set<string>
  subresource?: Set<string>
  code?: Set<string>
}

/** What compiling detection values needs beyond the reporter. */
export interface MatchContext extends Reporter {
  placeholders?: Record<string, string[]>
}

type ValueTest = (fv: FieldValues, event: Record<string, unknown>) => boolean
/** One value of an entry: plain string patterns (merged with the entry's others) or a test of its own. */
type ItemTest = { patterns: Pattern[]; fold: boolean } | { test: ValueTest }

const NUMERIC_VALUE = /^-?\d+(\.\d+)?$/
const INDEXED: Record<string, keyof Facts> = { verb: 'verb', 'objectRef.resource': 'resource', 'objectRef.subresource': 'subresource', 'responseStatus.code': 'code' }

/**
 * Compile one `field|modifiers: value(s)` entry of a search identifier. An empty field name
 * (`'|all': [...]`) is a keyword search over every value of the event.
 * @example
 * compileFieldEntry('CommandLine|contains|all', 0, valuesNode, ctx)?.pred(event)
 */
export function compileFieldEntry(key: string, at: number, node: YNode, ctx: MatchContext): { pred: Pred; facts: Facts; negFacts: Facts } | undefined {
  const [field, ...mods] = key.split('|')
  const chain = parseModifiers(mods, ctx, at)
  if (!chain) return undefined
  const keyword = field === ''
  if (keyword && !chain.steps.some((s) => s === 'contains' || s === 'startswith' || s === 'endswith') && chain.re === undefined) chain.steps.unshift('contains')
  const scalars = node.kind === 'seq' ? node.items : [node]
  const items: ItemTest[] = []
  for (const item of scalars) {
    if (item.kind !== 'scalar') {
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected: 'a string, number, boolean or null', got: item.kind === 'map' ? 'a map' : 'a nested list' })
      return undefined
    }
    const test = compileValue(item, chain, ctx, keyword)
    if (!test) return undefined
    items.push(test)
  }
  const read = keyword ? allValues : compileFieldPath(field)
  // `all`: every value must match; otherwise the values are one OR, so their patterns merge into one set.
  const tests = chain.all ? items.map((item) => anyOf([item], chain.cased)) : [anyOf(items, chain.cased)]
  const combined: ValueTest = tests.length === 1 ? tests[0] : (fv, e) => {
    for (const t of tests) if (!t(fv, e)) return false
    return true
  }
  // neq negates the whole entry, so a missing field counts as different (pySigma renders `not field=value`).
  const pred: Pred = chain.neq ? (event) => !combined(read(event), event) : (event) => combined(read(event), event)
  return { pred, ...factsOf(field, chain, scalars) }
}

function anyOf(items: ItemTest[], cased: boolean | undefined): ValueTest {
  const tests = items.flatMap((item) => ('test' in item ? [item.test] : []))
  const strings = items.flatMap((item) => ('test' in item ? [] : [item]))
  if (strings.length > 0) tests.unshift(patternsTest(strings.flatMap((s) => s.patterns), { cased, fold: strings[0].fold }))
  return tests.length === 1 ? tests[0] : (fv, e) => {
    for (const t of tests) if (t(fv, e)) return true
    return false
  }
}

function patternsTest(patterns: Pattern[], opts: StringTestOptions): ValueTest {
  const set = new PatternSet(opts)
  for (const p of patterns) set.add(p)
  return (fv) => {
    const list = opts.cased ? fv.texts() : fv.lower()
    for (let i = 0; i < list.length; i++) {
      const t = list[i]
      if (t !== undefined && set.test(opts.fold ? foldDashes(t) : t)) return true
    }
    return set.hasNumbers && fv.values.some((v) => set.testNumber(v))
  }
}

function compileValue(item: YNode & { kind: 'scalar' }, chain: ModifierChain, ctx: MatchContext, keyword: boolean): ItemTest | undefined {
  const raw = item.value
  if (chain.exists) {
    const want = String(raw).toLowerCase()
    if (want !== 'true' && want !== 'false') return badValue(ctx, item, 'true or false for exists', String(raw))
    return { test: (fv) => fv.found === (want === 'true') }
  }
  if (raw === null) {
    if (keyword) return badValue(ctx, item, 'a keyword string', 'null')
    return { test: (fv) => !fv.found || fv.values.includes(null) }
  }
  if (chain.expand) {
    for (const name of placeholderNames(raw)) {
      if (ctx.placeholders && Object.prototype.hasOwnProperty.call(ctx.placeholders, name)) continue
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected: `a value for placeholder %${name}% in the placeholders option (until then it matches nothing)`, got: 'none' }, 'warning')
    }
  }
  const raws = chain.expand ? expandPlaceholders(raw, ctx.placeholders) : [raw]
  if (!isSpecial(chain)) {
    const patterns: Pattern[] = []
    let fold = false
    for (const r of raws) {
      const sv = buildStringValue(r, chain.steps, ctx, item.at)
      if (!sv) return undefined
      patterns.push(...sv.patterns)
      fold = sv.fold
    }
    return { patterns, fold }
  }
  const textTests: TextTest[] = []
  for (const r of raws) {
    const t = compileSpecial(r, item, chain, ctx)
    if (!t) return undefined
    textTests.push(t)
  }
  return {
    test: (fv, event) => {
      const texts = fv.texts()
      for (let i = 0; i < texts.length; i++) {
        const text = texts[i]
        if (text === undefined) continue
        for (const t of textTests) if (t(text, fv.values[i], event)) return true
      }
      return false
    },
  }
}

const isSpecial = (chain: ModifierChain): boolean => chain.re !== undefined || !!chain.cidr || !!chain.timePart || !!chain.compare || !!chain.fieldref

// Regular expressions, CIDRs, numeric and time comparisons and field references: each tests the raw text.
function compileSpecial(raw: string, item: YNode, chain: ModifierChain, ctx: MatchContext): TextTest | undefined {
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
  return compileFieldref(raw, chain)
}

function badValue(ctx: MatchContext, item: YNode, expected: string, got: string): undefined {
  report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected, got: JSON.stringify(got) })
  return undefined
}

// The index's facts of an entry, when it holds (`facts`) and when it fails (`negFacts`). The index
// reads a missing field as '': `exists: false` requires it, and so does the failure of `exists: true`.
function factsOf(field: string, chain: ModifierChain, items: YNode[]): { facts: Facts; negFacts: Facts } {
  const slot = INDEXED[field]
  if (!slot || chain.neq) return { facts: {}, negFacts: {} }
  if (chain.exists) {
    const only = items.length === 1 && items[0].kind === 'scalar' ? String(items[0].value).toLowerCase() : undefined
    const absent = { [slot]: new Set(['']) }
    return only === 'true' ? { facts: {}, negFacts: absent } : only === 'false' ? { facts: absent, negFacts: {} } : { facts: {}, negFacts: {} }
  }
  return { facts: equalityFacts(slot, chain, items), negFacts: {} }
}

function equalityFacts(slot: keyof Facts, chain: ModifierChain, items: YNode[]): Facts {
  const plain = chain.steps.length === 0 && !chain.all && !chain.fieldref && !chain.expand && !chain.cidr && chain.re === undefined && !chain.compare && !chain.timePart
  if (!plain) return {}
  const set = new Set<string>()
  for (const item of items) {
    if (item.kind !== 'scalar' || item.value === null || /[*?]/.test(item.value)) return {}
    // A numeric value equals the JSON number of the same value (`401.0` matches 401): index its canonical text.
    set.add(slot === 'code' && NUMERIC_VALUE.test(item.value) ? String(Number(item.value)) : item.value.toLowerCase())
  }
  return { [slot]: set }
}
