import { ConditionSyntaxError, type CondNode } from './condition-parser.js'
import { everyPred, somePred } from '../combine.js'
import { andFacts, orFacts } from './facts.js'
import type { Facts, Pred } from './field-matcher.js'
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
      return { pred: () => false, facts: {} }
    }
    case 'not': {
      const inner = compileConditionTree(node.e, sel, issues).pred
      return { pred: (ev) => !inner(ev), facts: {} }
    }
    case 'and':
    case 'or': {
      // `a and b and c` parses as nested pairs: one flat list lets everyPred/somePred rank all three.
      const parts = chain(node, node.t).map((n) => compileConditionTree(n, sel, issues))
      const preds = parts.map((p) => p.pred)
      if (node.t === 'and') return { pred: everyPred(preds), facts: parts.slice(1).reduce((acc, p) => andFacts(acc, p.facts), parts[0].facts) }
      return { pred: somePred(preds), facts: parts.slice(1).reduce((acc, p) => orFacts(acc, p.facts), parts[0].facts) }
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
    return { pred: () => false, facts: {} }
  }
  const preds = picked.map((s) => s.pred)
  if (node.count === 'all') {
    return { pred: everyPred(preds), facts: picked.reduce<Facts>((acc, s) => andFacts(acc, s.facts), {}) }
  }
  const need = node.count
  const facts = need === 1 ? picked.slice(1).reduce<Facts>((acc, s) => orFacts(acc, s.facts), picked[0].facts) : {}
  if (need <= 1) return { pred: somePred(preds), facts }
  return {
    pred: (ev) => {
      let n = 0
      for (const p of preds) if (p(ev) && ++n >= need) return true
      return false
    },
    facts,
  }
}

export { ConditionSyntaxError }
