import { report, suggest, type Reporter } from './problems.js'
import { TIME_PARTS, type TimePart } from './time-parts.js'

/** String steps, applied to each value in the order the rule lists them. */
export const STRING_STEPS = ['contains', 'startswith', 'endswith', 'windash', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide'] as const
export type StringStep = (typeof STRING_STEPS)[number]

const COMPARE = ['lt', 'lte', 'gt', 'gte'] as const
export type Compare = (typeof COMPARE)[number]

const RE_FLAGS: Record<string, 'i' | 'm' | 's'> = { i: 'i', ignorecase: 'i', m: 'm', multiline: 'm', s: 's', dotall: 's' }

/** Every modifier of the Sigma 2.1 modifiers appendix (plus pySigma's long names for the re flags). */
export const MODIFIERS: readonly string[] = [
  ...STRING_STEPS, ...COMPARE, ...TIME_PARTS, ...Object.keys(RE_FLAGS),
  'all', 'cased', 'neq', 'exists', 'fieldref', 're', 'cidr', 'expand',
]

/** A parsed modifier chain. */
export interface ModifierChain {
  all: boolean
  cased: boolean
  neq: boolean
  exists: boolean
  fieldref: boolean
  expand: boolean
  cidr: boolean
  re?: string
  compare?: Compare
  timePart?: TimePart
  steps: StringStep[]
}

/**
 * Parse and check `field|mod1|mod2` modifiers; reports and returns undefined when the chain is invalid.
 * @example
 * parseModifiers(['contains', 'all'], rep, 0) // { all: true, steps: ['contains'], ... }
 */
export function parseModifiers(names: string[], rep: Reporter, at: number): ModifierChain | undefined {
  const chain: ModifierChain = { all: false, cased: false, neq: false, exists: false, fieldref: false, expand: false, cidr: false, steps: [] }
  let flags = ''
  const bad = (modifier: string, detail: string): undefined => {
    report(rep, 'KUBESIEM_SIGMA_BAD_MODIFIER', at, { modifier, detail })
    return undefined
  }
  for (const raw of names) {
    const name = raw.toLowerCase()
    if (!MODIFIERS.includes(name)) {
      report(rep, 'KUBESIEM_SIGMA_UNKNOWN_MODIFIER', at, { modifier: raw, suggestion: suggest(raw, MODIFIERS) })
      return undefined
    }
    if ((STRING_STEPS as readonly string[]).includes(name)) {
      if (chain.re !== undefined || chain.cidr || chain.compare || chain.exists) return bad(name, 'string modifiers do not apply to regex, cidr, numeric or exists values')
      chain.steps.push(name as StringStep)
    } else if ((COMPARE as readonly string[]).includes(name)) chain.compare = name as Compare
    else if ((TIME_PARTS as readonly string[]).includes(name)) chain.timePart = name as TimePart
    else if (name in RE_FLAGS) {
      if (chain.re === undefined) return bad(name, 'regex flags must follow "re"')
      flags += RE_FLAGS[name]
    } else if (name === 're') chain.re = ''
    else (chain as unknown as Record<string, boolean>)[name] = true
  }
  if (chain.re !== undefined) chain.re = [...new Set(flags)].join('')
  const kinds = [chain.re !== undefined, chain.cidr, chain.compare !== undefined && !chain.timePart, chain.exists, chain.fieldref].filter(Boolean).length
  if (kinds > 1) return bad(names.join('|'), 're, cidr, lt/gt, exists and fieldref each set the value type; use one of them')
  if (chain.steps.length > 0 && (chain.re !== undefined || chain.cidr || chain.compare)) return bad(names.join('|'), 'string modifiers do not apply to regex, cidr or numeric values')
  return chain
}
