import { normalizer, shapeOf, type Pattern, type StringTestOptions } from './wildcard.js'

const NUMERIC = /^-?\d+(\.\d+)?$/
// Texts are remembered per set only where scanning costs more than a lookup: several patterns, a short text.
const MEMO_MIN_SCANS = 4
const MEMO_MAX_TEXT = 512
const MEMO_SIZE = 4096

/**
 * The patterns of one field entry (all its values, OR-ed), tested against a text normalized
 * once: exact values in a Set, then prefixes, suffixes, substrings and the rest. A rule with a
 * list of twenty user agents costs one lower-casing and twenty `includes`, not twenty of each.
 * @example
 * const set = new PatternSet({})
 * set.add([ANY, 'xmrig', ANY])
 * set.test('docker.io/xmrig/xmrig:latest') // true (the text is already lower-cased)
 */
export class PatternSet {
  private readonly exact = new Set<string>()
  private readonly prefixes: string[] = []
  private readonly suffixes: string[] = []
  private readonly infixes: string[] = []
  private readonly others: Array<(s: string) => boolean> = []
  private readonly numbers = new Set<number>()
  private anyText = false
  private readonly memo = new Map<string, boolean>()
  private readonly norm: (s: string) => string

  constructor(opts: StringTestOptions) {
    this.norm = normalizer(opts)
  }

  /** Add one pattern (its literal runs are normalized here). */
  add(p: Pattern): void {
    const parts = p.map((x) => (typeof x === 'string' ? this.norm(x) : x))
    // A numeric literal also equals a number of the same value: 1.0 in a rule matches 1 in JSON.
    if (p.length === 1 && typeof p[0] === 'string' && NUMERIC.test(p[0])) this.numbers.add(Number(p[0]))
    const shape = shapeOf(parts)
    switch (shape.kind) {
      case 'any':
        this.anyText = true
        break
      case 'exact':
        this.exact.add(shape.text)
        break
      case 'prefix':
        this.prefixes.push(shape.text)
        break
      case 'suffix':
        this.suffixes.push(shape.text)
        break
      case 'infix':
        this.infixes.push(shape.text)
        break
      case 'test':
        this.others.push(shape.test)
    }
  }

  /** Whether a normalized text matches any pattern. */
  test(text: string): boolean {
    if (this.anyText || this.exact.has(text)) return true
    if (this.scans < MEMO_MIN_SCANS || text.length > MEMO_MAX_TEXT) return this.scan(text)
    // Events repeat the same agents, URIs and names: a long list of substrings is scanned once per text.
    let known = this.memo.get(text)
    if (known === undefined) {
      known = this.scan(text)
      if (this.memo.size >= MEMO_SIZE) this.memo.clear()
      this.memo.set(text, known)
    }
    return known
  }

  private get scans(): number {
    return this.prefixes.length + this.suffixes.length + this.infixes.length + this.others.length
  }

  private scan(text: string): boolean {
    for (const p of this.prefixes) if (text.startsWith(p)) return true
    for (const p of this.suffixes) if (text.endsWith(p)) return true
    for (const p of this.infixes) if (text.includes(p)) return true
    for (const t of this.others) if (t(text)) return true
    return false
  }

  /** Whether a raw JSON number equals a numeric literal of the set. */
  testNumber(value: unknown): boolean {
    return typeof value === 'number' && this.numbers.has(value)
  }

  /** Whether any numeric literal was added. */
  get hasNumbers(): boolean {
    return this.numbers.size > 0
  }
}
