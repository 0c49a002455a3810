import { everyPred, somePred } from '../combine.js'
import { allFacts, anyFacts } from './facts.js'
import { compileFieldEntry, type Facts, type MatchContext, type Pred } from './field-matcher.js'
import { report } from './problems.js'
import type { YNode } from './yaml-tree.js'

/** A compiled search identifier. */
export interface Selection {
  pred: Pred
  facts: Facts
  /** Facts that hold whenever the predicate is false, for `not`: `not subresource` (an `exists: true`) admits only events without one. */
  negFacts: Facts
}

/**
 * Compile a search identifier: a map ANDs its fields, a list ORs its items, plain strings are keywords.
 * @example
 * compileSelection(detectionEntry.value, ctx)?.pred(event)
 */
export function compileSelection(node: YNode, ctx: MatchContext): Selection | undefined {
  if (node.kind === 'scalar') return compileFieldEntry('', node.at, node, ctx)
  if (node.kind === 'map') {
    if (node.entries.length === 0) {
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', node.at, { expected: 'at least one field', got: 'an empty map' })
      return undefined
    }
    const parts: Selection[] = []
    for (const e of node.entries) {
      const part = compileFieldEntry(e.key, e.at, e.value, ctx)
      if (!part) return undefined
      parts.push(part)
    }
    return { pred: everyPred(parts.map((p) => p.pred)), facts: allFacts(parts.map((p) => p.facts)), negFacts: anyFacts(parts.map((p) => p.negFacts)) }
  }
  if (node.items.length === 0) {
    report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', node.at, { expected: 'at least one item', got: 'an empty list' })
    return undefined
  }
  const keywords = node.items.filter((i) => i.kind === 'scalar')
  const parts: Selection[] = []
  if (keywords.length > 0) {
    const kw = compileFieldEntry('', keywords[0].at, { kind: 'seq', at: node.at, items: keywords }, ctx)
    if (!kw) return undefined
    parts.push(kw)
  }
  for (const item of node.items) {
    if (item.kind === 'scalar') continue
    if (item.kind === 'seq') {
      report(ctx, 'KUBESIEM_SIGMA_BAD_VALUE', item.at, { expected: 'a map or a keyword', got: 'a nested list' })
      return undefined
    }
    const part = compileSelection(item, ctx)
    if (!part) return undefined
    parts.push(part)
  }
  return { pred: somePred(parts.map((p) => p.pred)), facts: anyFacts(parts.map((p) => p.facts)), negFacts: allFacts(parts.map((p) => p.negFacts)) }
}
