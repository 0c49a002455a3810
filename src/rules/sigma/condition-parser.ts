/** The syntax tree of a Sigma condition; `at` is the offset inside the condition text. */
export type CondNode =
  | { t: 'id'; name: string; at: number }
  | { t: 'and' | 'or'; l: CondNode; r: CondNode }
  | { t: 'not'; e: CondNode }
  | { t: 'of'; count: number | 'all'; pattern: string; at: number }

/** A condition syntax error with its offset in the condition text. */
export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message)
  }
}

interface Token {
  text: string
  at: number
}

const TOKEN = /\s*(\(|\)|\||[^\s()|]+)/y

function tokenize(src: string): Token[] {
  const out: Token[] = []
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(src); m; m = TOKEN.exec(src)) out.push({ text: m[1], at: m.index + m[0].length - m[1].length })
  return out
}

/**
 * Parse a condition with Sigma's precedence (loosest first): or, and, not, `x of`, parentheses.
 * @example
 * parseCondition('selection and not 1 of filter_*') // { t: 'and', l: {t:'id'...}, r: {t:'not'...} }
 */
export function parseCondition(src: string): CondNode {
  const toks = tokenize(src)
  let i = 0
  const peek = (): string | undefined => toks[i]?.text.toLowerCase()
  const fail = (what: string): never => {
    const tok = toks[i]
    throw new ConditionSyntaxError(`expected ${what}, got ${tok ? `"${tok.text}"` : 'the end of the condition'}`, tok?.at ?? src.length)
  }
  const orExpr = (): CondNode => {
    let l = andExpr()
    while (peek() === 'or') {
      i++
      l = { t: 'or', l, r: andExpr() }
    }
    return l
  }
  const andExpr = (): CondNode => {
    let l = notExpr()
    while (peek() === 'and') {
      i++
      l = { t: 'and', l, r: notExpr() }
    }
    return l
  }
  const notExpr = (): CondNode => {
    if (peek() === 'not') {
      i++
      return { t: 'not', e: notExpr() }
    }
    return primary()
  }
  const primary = (): CondNode => {
    const tok = toks[i]
    const word = peek()
    if (!tok || word === undefined) return fail('an identifier, "not", "x of" or "("')
    if (word === '|') throw new ConditionSyntaxError('aggregations ("| count() ...") are not part of Sigma 2: write a correlation rule', tok.at)
    if (word === '(') {
      i++
      const e = orExpr()
      if (peek() !== ')') fail('")"')
      i++
      return e
    }
    if (word === ')' || word === 'and' || word === 'or' || word === 'of') return fail('an identifier, "not", "x of" or "("')
    if ((word === 'all' || /^\d+$/.test(word)) && toks[i + 1]?.text.toLowerCase() === 'of') {
      i += 2
      const target = toks[i]
      if (!target || ['(', ')', 'and', 'or', 'not', '|'].includes(target.text.toLowerCase())) return fail('"them" or an identifier pattern after "of"')
      i++
      return { t: 'of', count: word === 'all' ? 'all' : Number(word), pattern: target.text, at: tok.at }
    }
    if (/[*?]/.test(tok.text)) throw new ConditionSyntaxError(`wildcard "${tok.text}" needs "1 of" or "all of" before it`, tok.at)
    i++
    return { t: 'id', name: tok.text, at: tok.at }
  }
  const tree = orExpr()
  if (peek() === '|') throw new ConditionSyntaxError('aggregations ("| count() ...") are not part of Sigma 2: write a correlation rule', toks[i].at)
  if (i < toks.length) fail('"and", "or" or the end of the condition')
  return tree
}
