import RE2 from 're2'

/** `*` in a parsed Sigma string. */
export const ANY = 0
/** `?` in a parsed Sigma string. */
export const ONE = 1
/** A Sigma string after escape parsing: literal runs and wildcards. */
export type Pattern = Array<string | typeof ANY | typeof ONE>

const DASHES = /[-/\u2013\u2014\u2015]/g

/**
 * Parse Sigma's wildcard escaping: `\*`, `\?` and `\\` escape, a lone `\` before anything else is literal.
 * @example
 * parseWildcards('C:\\\\*.exe') // ['C:\\', ANY, '.exe']
 */
export function parseWildcards(raw: string): Pattern {
  const out: Pattern = []
  let lit = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === '\\') {
      const next = raw[i + 1]
      if (next === '*' || next === '?' || next === '\\') {
        lit += next
        i++
      } else lit += c
    } else if (c === '*' || c === '?') {
      if (lit) out.push(lit)
      lit = ''
      if (!(c === '*' && out[out.length - 1] === ANY)) out.push(c === '*' ? ANY : ONE)
    } else lit += c
  }
  if (lit) out.push(lit)
  return out
}

/**
 * The literal text of a pattern without wildcards, or undefined when it has any.
 * @example
 * literalOf(['abc']) // 'abc'
 */
export function literalOf(p: Pattern): string | undefined {
  if (p.length === 0) return ''
  return p.length === 1 && typeof p[0] === 'string' ? p[0] : undefined
}

/**
 * Wrap a pattern for contains / startswith / endswith, after escapes were parsed so a trailing `\` stays literal.
 * @example
 * wrapPattern(['cmd'], true, true) // [ANY, 'cmd', ANY]
 */
export function wrapPattern(p: Pattern, before: boolean, after: boolean): Pattern {
  const out = [...p]
  if (before && out[0] !== ANY) out.unshift(ANY)
  if (after && out[out.length - 1] !== ANY) out.push(ANY)
  return out
}

/**
 * Map every Windows dash variant to `-` (the windash modifier, done as folding instead of 5^n permutations).
 * @example
 * foldDashes('/c') // '-c'
 */
export function foldDashes(s: string): string {
  return s.replace(DASHES, '-')
}

/** Options of a compiled string test. */
export interface StringTestOptions {
  cased?: boolean
  /** Fold dash variants on both sides (windash). */
  fold?: boolean
}

/** A pattern (already normalized) by the cheapest way to test it. */
export type PatternShape =
  | { kind: 'any' }
  | { kind: 'exact' | 'prefix' | 'suffix' | 'infix'; text: string }
  | { kind: 'test'; test: (s: string) => boolean }

/**
 * How to test a normalized pattern: plain string operations for `*`-only patterns, RE2 once `?` appears.
 * @example
 * shapeOf(['cmd', ANY]) // { kind: 'prefix', text: 'cmd' }
 */
export function shapeOf(parts: Pattern): PatternShape {
  if (parts.includes(ONE)) {
    const src = parts.map((x) => (x === ANY ? '[\\s\\S]*' : x === ONE ? '[\\s\\S]' : escapeRegex(x))).join('')
    const re = new RE2(`^${src}$`)
    return { kind: 'test', test: (s) => re.test(s) }
  }
  const lits = splitOnAny(parts)
  if (lits.length === 1) return { kind: 'exact', text: lits[0] }
  const first = lits[0]
  const last = lits[lits.length - 1]
  const middle = lits.slice(1, -1).filter((x) => x !== '')
  if (middle.length === 0) {
    if (first === '' && last === '') return { kind: 'any' }
    if (first === '') return { kind: 'suffix', text: last }
    if (last === '') return { kind: 'prefix', text: first }
  }
  if (first === '' && last === '' && middle.length === 1) return { kind: 'infix', text: middle[0] }
  return { kind: 'test', test: (s) => globMatch(s, first, middle, last) }
}

// Leftmost matching of each middle run is optimal for `*`-only globs.
function globMatch(s: string, first: string, middle: string[], last: string): boolean {
  if (!s.startsWith(first)) return false
  const end = s.length - last.length
  if (end < first.length || !s.endsWith(last)) return false
  let pos = first.length
  for (const m of middle) {
    const at = s.indexOf(m, pos)
    if (at < 0 || at + m.length > end) return false
    pos = at + m.length
  }
  return true
}

/**
 * The text normalization a string test applies to both sides: lower-casing unless cased, dash folding under windash.
 * @example
 * normalizer({ fold: true })('/C') // '-c'
 */
export function normalizer(opts: StringTestOptions): (s: string) => string {
  if (opts.cased) return opts.fold ? foldDashes : (s) => s
  return opts.fold ? (s) => foldDashes(s.toLowerCase()) : (s) => s.toLowerCase()
}

/**
 * Compile one pattern to a string test on raw text.
 * @example
 * compilePattern(['cmd', ANY], {})('CMD.exe') // true
 */
export function compilePattern(p: Pattern, opts: StringTestOptions): (s: string) => boolean {
  const norm = normalizer(opts)
  const shape = shapeOf(p.map((x) => (typeof x === 'string' ? norm(x) : x)))
  switch (shape.kind) {
    case 'any':
      return () => true
    case 'exact':
      return (s) => norm(s) === shape.text
    case 'prefix':
      return (s) => norm(s).startsWith(shape.text)
    case 'suffix':
      return (s) => norm(s).endsWith(shape.text)
    case 'infix':
      return (s) => norm(s).includes(shape.text)
    case 'test':
      return (s) => shape.test(norm(s))
  }
}

function splitOnAny(p: Pattern): string[] {
  const out = ['']
  for (const x of p) {
    if (x === ANY) out.push('')
    else out[out.length - 1] += x as string
  }
  return out
}

/**
 * Escape a literal for use inside a regular expression.
 * @example
 * escapeRegex('a.b') // 'a\\.b'
 */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
