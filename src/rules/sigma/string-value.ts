import { base64, base64offset, utf16, windashVariants, type Encoded } from './encodings.js'
import type { StringStep } from './modifiers.js'
import { report, type Reporter } from './problems.js'
import { literalOf, parseWildcards, wrapPattern, type Pattern } from './wildcard.js'

const ENCODINGS: ReadonlySet<StringStep> = new Set(['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide'])

/** The patterns one rule value stands for (OR-ed), and whether dashes are folded (windash). */
export interface StringValue {
  patterns: Pattern[]
  fold: boolean
}

/**
 * Apply the string steps of a modifier chain, in order, to one raw value.
 * @example
 * buildStringValue('cmd', ['contains'], rep, 0) // { patterns: [[ANY, 'cmd', ANY]], fold: false }
 */
export function buildStringValue(raw: string, steps: StringStep[], rep: Reporter, at: number): StringValue | undefined {
  let items: Array<{ pattern: Pattern; binary: boolean }> = [{ pattern: parseWildcards(raw), binary: false }]
  let fold = false
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]
    if (step === 'contains' || step === 'startswith' || step === 'endswith') {
      const before = step !== 'startswith'
      const after = step !== 'endswith'
      items = items.map((it) => ({ ...it, pattern: wrapPattern(it.pattern, before, after) }))
      continue
    }
    if (step === 'windash' && !steps.slice(i + 1).some((s) => ENCODINGS.has(s))) {
      fold = true
      continue
    }
    const literals: Encoded[] = []
    for (const it of items) {
      const text = literalOf(it.pattern)
      if (text === undefined) {
        report(rep, 'KUBESIEM_SIGMA_BAD_MODIFIER', at, { modifier: step, detail: `it needs a value without wildcards, got "${raw}"` })
        return undefined
      }
      literals.push({ text, binary: it.binary })
    }
    if (step === 'windash') {
      const next: Encoded[] = []
      for (const l of literals) {
        const variants = windashVariants(l.text)
        if (!variants) {
          report(rep, 'KUBESIEM_SIGMA_BAD_MODIFIER', at, { modifier: step, detail: 'too many dashes to expand before an encoding' })
          return undefined
        }
        next.push(...variants.map((text) => ({ text, binary: l.binary })))
      }
      items = next.map((e) => ({ pattern: [e.text], binary: e.binary }))
      continue
    }
    const encoded = literals.flatMap((l) => encode(l, step))
    items = encoded.map((e) => ({ pattern: e.text ? [e.text] : [], binary: e.binary }))
  }
  return { patterns: items.map((it) => it.pattern), fold }
}

function encode(v: Encoded, step: StringStep): Encoded[] {
  switch (step) {
    case 'base64':
      return [base64(v)]
    case 'base64offset':
      return base64offset(v)
    case 'utf16le':
    case 'wide':
      return [utf16(v, 'le')]
    case 'utf16be':
      return [utf16(v, 'be')]
    default:
      return [utf16(v, 'bom')]
  }
}

/**
 * Expand `%name%` placeholders (the `expand` modifier); `\%` is a plain percent sign. Unknown
 * placeholders expand to nothing, so the value matches nothing.
 * @example
 * expandPlaceholders('%Admins%', { Admins: ['root', 'adm_*'] }) // ['root', 'adm_*']
 */
export function expandPlaceholders(raw: string, placeholders: Record<string, string[]> = {}): string[] {
  let out = ['']
  const re = /\\%|%([^%]+)%/g
  let last = 0
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const text = raw.slice(last, m.index)
    last = m.index + m[0].length
    if (m[1] === undefined) {
      out = out.map((o) => o + text + '%')
      continue
    }
    const values = Object.prototype.hasOwnProperty.call(placeholders, m[1]) ? placeholders[m[1]] : []
    out = out.flatMap((o) => values.map((v) => o + text + v))
  }
  const rest = raw.slice(last)
  return out.map((o) => o + rest)
}

/**
 * The placeholder names a value uses (escaped `\\%` excluded).
 * @example
 * placeholderNames('%a%-\\%b%') // ['a']
 */
export function placeholderNames(raw: string): string[] {
  return [...raw.matchAll(/\\%|%([^%]+)%/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]))
}
