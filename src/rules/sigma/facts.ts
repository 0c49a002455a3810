import type { Facts } from './field-matcher.js'

const SLOTS = ['verb', 'resource', 'subresource', 'code'] as const

/**
 * Facts of `a and b`: both sides' requirements hold, so sets intersect and a one-sided fact stays.
 * @example
 * andFacts({ verb: new Set(['create']) }, {}) // { verb: Set{'create'} }
 */
export function andFacts(a: Facts, b: Facts): Facts {
  const out: Facts = {}
  for (const s of SLOTS) {
    const x = a[s]
    const y = b[s]
    if (x && y) out[s] = new Set([...x].filter((v) => y.has(v)))
    else if (x || y) out[s] = x ?? y
  }
  return out
}

/** Facts of every operand holding (AND), folded. */
export function allFacts(parts: Facts[]): Facts {
  return parts.reduce<Facts>((acc, p) => andFacts(acc, p), {})
}

/** Facts of at least one operand holding (OR), folded; an empty OR requires nothing. */
export function anyFacts(parts: Facts[]): Facts {
  return parts.length === 0 ? {} : parts.slice(1).reduce<Facts>((acc, p) => orFacts(acc, p), parts[0])
}

/**
 * Facts of `a or b`: a requirement survives only when both sides make it, as the union.
 * @example
 * orFacts({ verb: new Set(['get']) }, {}) // {}
 */
export function orFacts(a: Facts, b: Facts): Facts {
  const out: Facts = {}
  for (const s of SLOTS) {
    const x = a[s]
    const y = b[s]
    if (x && y) out[s] = new Set([...x, ...y])
  }
  return out
}
