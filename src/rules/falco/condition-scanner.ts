import type { Literal } from './ast.js'

/**
 * A condition that does not parse; `pos` is the offset in the condition text.
 * @example
 * throw new ConditionSyntaxError('expected ")"', 12)
 */
export class ConditionSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(`${message} at position ${pos}`)
    this.name = 'ConditionSyntaxError'
  }
}

const IDENT = /[a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)*/y
const BARE = /[^\s(),="']+/y
const WORD_END = /[a-zA-Z0-9_.]/

/**
 * The lexical layer of the condition parser: whitespace, keywords, names, quoted and bare values.
 * @example
 * class MyParser extends ConditionScanner { parse() { return this.literal() } }
 */
export class ConditionScanner {
  protected pos = 0
  constructor(protected readonly text: string) {}

  protected fail(message: string, pos = this.pos): never {
    throw new ConditionSyntaxError(message, pos)
  }

  protected ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++
  }

  /** Consume a keyword only when it stands alone (`and` but not `android`). */
  protected keyword(word: string): boolean {
    this.ws()
    if (!this.text.startsWith(word, this.pos)) return false
    const next = this.text[this.pos + word.length]
    if (next !== undefined && WORD_END.test(next)) return false
    this.pos += word.length
    return true
  }

  protected expect(ch: string): void {
    this.ws()
    if (this.text[this.pos] !== ch) this.fail(`expected "${ch}"`)
    this.pos++
  }

  protected ident(): string | undefined {
    this.ws()
    IDENT.lastIndex = this.pos
    const m = IDENT.exec(this.text)
    if (!m) return undefined
    this.pos += m[0].length
    return m[0]
  }

  protected comma(): boolean {
    this.ws()
    if (this.text[this.pos] !== ',') return false
    this.pos++
    return true
  }

  protected literal(): Literal {
    this.ws()
    const ch = this.text[this.pos]
    if (ch === '"' || ch === "'") return { value: this.quoted(), quoted: true }
    BARE.lastIndex = this.pos
    const m = BARE.exec(this.text)
    if (!m) this.fail('expected a value')
    this.pos += m[0].length
    return { value: m[0], quoted: false }
  }

  protected quoted(): string {
    const quote = this.text[this.pos]
    const start = this.pos++
    let out = ''
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]
      if (ch === quote) return out
      if (ch === '\\' && this.pos < this.text.length) {
        const esc = this.text[this.pos++]
        out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[esc] ?? esc
      } else out += ch
    }
    return this.fail('unterminated string', start)
  }
}
