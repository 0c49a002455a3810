import { ConditionSyntaxError, type CondNode } from './condition-parser.js'
import { everyPred, somePred } from '../combine.js'
import { allFacts, anyFacts } from './facts.js'
import type { Pred } from './field-matcher.js'
import type { Selection } from './selection.js'
import { compilePattern, parseWildcards } from './wildcard.js'

/** A located problem found while compiling a condition. */
export interface ConditionIssue {
  kind: 'undefined' | 'empty'
  name: string
  at: number
}

/**
 * Compile a condition tree once into a closure over the compiled search identifiers.
 * `1 of them` / `all of them` skip identifiers starting with `_`, as the spec says.
 * @example
 * compileConditionTree(parseCondition('a and not b'), selections, issues).pred(event)
 */
export function compileConditionTree(node: CondNode, sel: Map<string, Selection>, issues: ConditionIssue[]): Selection {
  switch (node.t) {
    case 'id': {
      const s = sel.get(node.name)
      if (s) return s
      issues.push({ kind: 'undefined', name: node.name, at: node.at })
      return { pred: () => false, facts: {}, negFacts: {} }
    }
    case 'not': {
      const inner = compileConditionTree(node.e, sel, issues)
      const innerPred = inner.pred
      return { pred: (ev) => !innerPred(ev), facts: inner.negFacts, negFacts: inner.facts }
    }
    case 'and':
    case 'or': {
      // `a and b and c` parses as nested pairs: one flat list lets everyPred/somePred rank all three.
      const parts = chain(node, node.t).map((n) => compileConditionTree(n, sel, issues))
      const preds = parts.map((p) => p.pred)
      const facts = parts.map((p) => p.facts)
      const negFacts = parts.map((p) => p.negFacts)
      if (node.t === 'and') return { pred: everyPred(preds), facts: allFacts(facts), negFacts: anyFacts(negFacts) }
      return { pred: somePred(preds), facts: anyFacts(facts), negFacts: allFacts(negFacts) }
    }
    case 'of':
      return compileOf(node, sel, issues)
  }
}

/** The operands of a chain of one operator, in order: (a and b) and c gives a, b, c. */
function chain(node: CondNode, t: 'and' | 'or'): CondNode[] {
  return node.t === t ? [...chain(node.l, t), ...chain(node.r, t)] : [node]
}

function compileOf(node: CondNode & { t: 'of' }, sel: Map<string, Selection>, issues: ConditionIssue[]): Selection {
  const them = node.pattern.toLowerCase() === 'them'
  const fits = them ? (name: string) => !name.startsWith('_') : compilePattern(parseWildcards(node.pattern), { cased: true })
  const picked = [...sel.entries()].filter(([name]) => fits(name)).map(([, s]) => s)
  if (picked.length === 0) {
    issues.push({ kind: 'empty', name: node.pattern, at: node.at })
    return { pred: () => false, facts: {}, negFacts: {} }
  }
  const preds = picked.map((s) => s.pred)
  const facts = picked.map((s) => s.facts)
  const negFacts = picked.map((s) => s.negFacts)
  if (node.count === 'all') return { pred: everyPred(preds), facts: allFacts(facts), negFacts: anyFacts(negFacts) }
  const need = node.count
  if (need <= 1) return { pred: somePred(preds), facts: anyFacts(facts), negFacts: allFacts(negFacts) }
  return {
    pred: (ev) => {
      let n = 0
      for (const p of preds) if (p(ev) && ++n >= need) return true
      return false
    },
    // At least `need` of them hold, so at least one does.
    facts: anyFacts(facts),
    negFacts: {},
  }
}

export { ConditionSyntaxError }
