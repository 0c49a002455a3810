/**
 * A field reference in a condition: `tolower(ka.user.name)`, `jevt.value[/stage]`.
 * @example
 * const ref: FieldRef = { field: 'ka.user.name', transformers: ['tolower'] }
 */
export interface FieldRef {
  field: string
  arg?: string
  /** Outermost last: `tolower(b64(f))` is `['b64', 'tolower']`. */
  transformers: string[]
}

/**
 * One literal on the right of an operator; `quoted` literals are never list names.
 * @example
 * const lit: Literal = { value: 'kube-system', quoted: false }
 */
export interface Literal {
  value: string
  quoted: boolean
}

/**
 * The right-hand side of a comparison.
 * @example
 * const rhs: Operand = { kind: 'list', items: [{ value: 'create', quoted: false }] }
 */
export type Operand =
  | { kind: 'value'; value: Literal }
  | { kind: 'list'; items: Literal[] }
  | { kind: 'field'; ref: FieldRef }

/**
 * The parsed Falco condition. `pos` is the character offset in the condition text, for messages.
 * @example
 * const n: ConditionNode = { kind: 'macro', name: 'kevt', pos: 0 }
 */
export type ConditionNode =
  | { kind: 'and' | 'or'; children: ConditionNode[] }
  | { kind: 'not'; child: ConditionNode }
  | { kind: 'macro'; name: string; pos: number }
  | { kind: 'check'; lhs: FieldRef; op: string; rhs?: Operand; pos: number }

/**
 * Operators taking a parenthesised list of values.
 * @example
 * LIST_OPERATORS.has('in') // true
 */
export const LIST_OPERATORS = new Set(['in', 'intersects', 'pmatch'])

/**
 * Word operators, longest first so `bstartswith` wins over `startswith`.
 * @example
 * WORD_OPERATORS.includes('startswith') // true
 */
export const WORD_OPERATORS = ['bstartswith', 'startswith', 'endswith', 'intersects', 'icontains', 'bcontains', 'contains', 'exists', 'pmatch', 'iglob', 'glob', 'regex', 'in']

/**
 * Symbol operators, longest first.
 * @example
 * SYMBOL_OPERATORS[0] // '=='
 */
export const SYMBOL_OPERATORS = ['==', '!=', '<=', '>=', '=', '<', '>']

/**
 * Field transformers (`val` only on the right-hand side).
 * @example
 * TRANSFORMERS.has('tolower') // true
 */
export const TRANSFORMERS = new Set(['tolower', 'toupper', 'b64', 'basename', 'len', 'val'])
