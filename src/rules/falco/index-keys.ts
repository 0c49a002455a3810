import type { ConditionNode } from './ast.js'
import type { RuleIndexKeys } from '../rule.js'

type Facts = Set<string> | undefined

function intersect(a: Facts, b: Facts): Facts {
  if (!a) return b
  if (!b) return a
  return new Set([...a].filter((x) => b.has(x)))
}

function union(sets: Facts[]): Facts {
  return sets.some((s) => !s) ? undefined : new Set(sets.flatMap((s) => [...s!]))
}

/**
 * Values `field` must equal on every path through `node` that makes it `holds` (true, or false
 * under a `not`), or undefined when any value may do. '' stands for the field missing, as in the
 * index: `not ka.target.subresource exists` (Falco's `pod` macro) requires it.
 */
function required(node: ConditionNode, field: string, lists: ReadonlyMap<string, readonly string[]>, holds = true): Facts {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const sets = node.children.map((c) => required(c, field, lists, holds))
      // An AND that holds needs every child; one that fails needs one child to fail: De Morgan.
      return (node.kind === 'and') === holds ? sets.reduce<Facts>((acc, s) => intersect(acc, s), undefined) : union(sets)
    }
    case 'not':
      return required(node.child, field, lists, !holds)
    case 'check': {
      if (node.lhs.field !== field || node.lhs.transformers.length > 0 || node.lhs.arg !== undefined) return undefined
      if (!holds) return node.op === 'exists' ? new Set(['']) : undefined
      if ((node.op === '=' || node.op === '==') && node.rhs?.kind === 'value') return new Set([node.rhs.value.value])
      if ((node.op === 'in' || node.op === 'intersects') && node.rhs?.kind === 'list') {
        return new Set(node.rhs.items.flatMap((i) => (!i.quoted && lists.has(i.value) ? [...lists.get(i.value)!] : [i.value])))
      }
      return undefined
    }
    default:
      return undefined
  }
}

/**
 * Derive index keys from a macro-free condition: the verbs, resources, subresources and response
 * codes every match must have. Keys are lower-cased: Falco compares case-sensitively, so a
 * lower-cased key only ever admits more events than the rule matches, never fewer.
 * @example
 * indexKeysOf(parseCondition('ka.verb=create and ka.target.resource=pods'), new Map()) // { verb: ['create'], resource: ['pods'] }
 */
export function indexKeysOf(node: ConditionNode, lists: ReadonlyMap<string, readonly string[]>): RuleIndexKeys {
  const keys: RuleIndexKeys = {}
  const verb = required(node, 'ka.verb', lists)
  const resource = required(node, 'ka.target.resource', lists)
  if (verb) keys.verb = [...verb].map((v) => v.toLowerCase()).sort()
  if (resource) keys.resource = [...resource].map((v) => v.toLowerCase()).sort()
  const subresource = required(node, 'ka.target.subresource', lists)
  if (subresource) keys.subresource = [...subresource].map((v) => v.toLowerCase()).sort()
  const code = required(node, 'ka.response.code', lists)
  if (code) keys.code = [...code].sort()
  return keys
}
