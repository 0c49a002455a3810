import type { ConditionNode } from './ast.js'
import { FalcoCompileError } from './compile-error.js'

/**
 * A macro as the compiler sees it: its parsed condition, or the reason it does not parse.
 * @example
 * const entry: MacroEntry = { ast: parseCondition('ka.verb=get') }
 */
export interface MacroEntry {
  ast?: ConditionNode
  syntaxError?: string
}

/**
 * Inline every macro reference, recursively, so the predicate is built once from one tree.
 * Throws on undefined, unparsable or cyclic macros.
 * @example
 * expandMacros(parseCondition('kevt'), new Map([['kevt', { ast: parseCondition('ka.verb=get') }]]))
 */
export function expandMacros(node: ConditionNode, macros: ReadonlyMap<string, MacroEntry>, stack: string[] = []): ConditionNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => expandMacros(c, macros, stack)) }
    case 'not':
      return { kind: 'not', child: expandMacros(node.child, macros, stack) }
    case 'check':
      return node
    case 'macro': {
      const entry = macros.get(node.name)
      if (!entry) throw new FalcoCompileError('KUBESIEM_FALCO_UNDEFINED_MACRO', { name: node.name })
      if (stack.includes(node.name)) {
        throw new FalcoCompileError('KUBESIEM_FALCO_CYCLIC_MACRO', { detail: [...stack.slice(stack.indexOf(node.name)), node.name].join(' -> ') })
      }
      if (!entry.ast) throw new FalcoCompileError('KUBESIEM_FALCO_CONDITION_SYNTAX', { detail: `in macro "${node.name}": ${entry.syntaxError ?? 'invalid'}` })
      return expandMacros(entry.ast, macros, [...stack, node.name])
    }
  }
}
