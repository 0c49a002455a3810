import { LIST_OPERATORS, SYMBOL_OPERATORS, TRANSFORMERS, WORD_OPERATORS, type ConditionNode, type FieldRef, type Literal, type Operand } from './ast.js'
import { ConditionScanner } from './condition-scanner.js'

export { ConditionSyntaxError } from './condition-scanner.js'

/**
 * Parse a Falco condition into an AST (libsinsp grammar: or < and < not < check, macros as bare words).
 * @example
 * parseCondition('kevt and ka.verb in (create, update)')
 */
export function parseCondition(text: string): ConditionNode {
  return new Parser(text).parse()
}

class Parser extends ConditionScanner {
  parse(): ConditionNode {
    const node = this.parseOr()
    this.ws()
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos, this.pos + 12)}"`)
    return node
  }

  private parseOr(): ConditionNode {
    const children = [this.parseAnd()]
    while (this.keyword('or')) children.push(this.parseAnd())
    return children.length === 1 ? children[0] : { kind: 'or', children }
  }

  private parseAnd(): ConditionNode {
    const children = [this.parseNot()]
    while (this.keyword('and')) children.push(this.parseNot())
    return children.length === 1 ? children[0] : { kind: 'and', children }
  }

  private parseNot(): ConditionNode {
    if (this.keyword('not')) return { kind: 'not', child: this.parseNot() }
    return this.parseCheck()
  }

  private parseCheck(): ConditionNode {
    this.ws()
    if (this.text[this.pos] === '(') {
      this.pos++
      const inner = this.parseOr()
      this.expect(')')
      return inner
    }
    const start = this.pos
    const lhs = this.parseFieldRef()
    if (['and', 'or', 'not'].includes(lhs.field)) this.fail(`unexpected keyword "${lhs.field}"`, start)
    const op = this.parseOperator()
    if (op === undefined) {
      if (lhs.arg === undefined && lhs.transformers.length === 0 && !lhs.field.includes('.')) return { kind: 'macro', name: lhs.field, pos: start }
      this.fail(`expected an operator after "${lhs.field}"`)
    }
    if (op === 'exists') return { kind: 'check', lhs, op, pos: start }
    return { kind: 'check', lhs, op, rhs: this.parseOperand(op), pos: start }
  }

  private parseFieldRef(): FieldRef {
    const start = this.pos
    const name = this.ident()
    if (name === undefined) this.fail('expected a field or macro name')
    if (TRANSFORMERS.has(name) && this.text[this.pos] === '(') {
      this.pos++
      const inner = this.parseFieldRef()
      this.expect(')')
      return { ...inner, transformers: [...inner.transformers, name] }
    }
    if (this.text[this.pos] !== '[') return { field: name, transformers: [] }
    this.pos++
    let arg: string
    if (this.text[this.pos] === '"' || this.text[this.pos] === "'") arg = this.quoted()
    else {
      const end = this.text.indexOf(']', this.pos)
      if (end < 0) this.fail('unterminated field argument', start)
      arg = this.text.slice(this.pos, end)
      this.pos = end
    }
    this.expect(']')
    return { field: name, arg, transformers: [] }
  }

  private parseOperator(): string | undefined {
    this.ws()
    for (const op of SYMBOL_OPERATORS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length
        return op
      }
    }
    const save = this.pos
    for (const op of WORD_OPERATORS) if (this.keyword(op)) return op
    this.pos = save
    return undefined
  }

  private parseOperand(op: string): Operand {
    this.ws()
    if (this.text[this.pos] === '(') {
      if (!LIST_OPERATORS.has(op)) this.fail(`operator "${op}" takes one value, not a list`)
      this.pos++
      const items: Literal[] = []
      this.ws()
      if (this.text[this.pos] === ')') {
        this.pos++
        return { kind: 'list', items }
      }
      do items.push(this.literal())
      while (this.comma())
      this.expect(')')
      return { kind: 'list', items }
    }
    const save = this.pos
    const name = this.ident()
    if (name !== undefined && TRANSFORMERS.has(name) && this.text[this.pos] === '(') {
      this.pos = save
      const ref = this.parseFieldRef()
      if (ref.transformers.at(-1) !== 'val' && !ref.transformers.includes('val')) this.fail('a field on the right-hand side must be wrapped in val()', save)
      return { kind: 'field', ref: { ...ref, transformers: ref.transformers.filter((t) => t !== 'val') } }
    }
    this.pos = save
    const value = this.literal()
    return LIST_OPERATORS.has(op) ? { kind: 'list', items: [value] } : { kind: 'value', value }
  }

}
