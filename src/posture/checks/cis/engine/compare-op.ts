/** The verdict of one comparison, with kube-bench's "expected result" text. */
export interface Comparison {
  expected: string
  pass: boolean
}

const NUMERIC = /^[+-]?\d+$/
const toInt = (text: string): number | undefined => (NUMERIC.test(text.trim()) ? Number.parseInt(text.trim(), 10) : undefined)
const OCTAL = /^[+-]?[0-7]+$/

/**
 * kube-bench's compareOp: eq, noteq (booleans case-insensitive), gt/gte/lt/lte (integers), has,
 * nothave, regex, valid_elements (comma lists) and bitmask (octal file modes). An unknown op fails
 * with an empty expectation, as upstream.
 * @example
 * compareOp('gte', '40', '30', '--audit-log-maxage') // { expected: "'--audit-log-maxage' is greater or equal to 30", pass: true }
 */
export function compareOp(op: string, flagVal: string, compareValue: string, flagName: string): Comparison {
  const fmt = (pattern: string) => pattern.replace('%s', flagName).replace('%s', compareValue)
  switch (op) {
    case 'eq':
    case 'noteq': {
      const lower = flagVal.toLowerCase()
      const equal = lower === 'true' || lower === 'false' ? lower === compareValue : flagVal === compareValue
      return op === 'eq' ? { expected: fmt("'%s' is equal to '%s'"), pass: equal } : { expected: fmt("'%s' is not equal to '%s'"), pass: !equal }
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = toInt(flagVal)
      const b = toInt(compareValue)
      if (a === undefined || b === undefined) return { expected: `Invalid Number(s) used for comparison: '${flagVal}' '${compareValue}'`, pass: false }
      if (op === 'gt') return { expected: fmt("'%s' is greater than %s"), pass: a > b }
      if (op === 'gte') return { expected: fmt("'%s' is greater or equal to %s"), pass: a >= b }
      if (op === 'lt') return { expected: fmt("'%s' is lower than %s"), pass: a < b }
      return { expected: fmt("'%s' is lower or equal to %s"), pass: a <= b }
    }
    case 'has':
      return { expected: fmt("'%s' has '%s'"), pass: flagVal.includes(compareValue) }
    case 'nothave':
      return { expected: fmt("'%s' does not have '%s'"), pass: !flagVal.includes(compareValue) }
    case 'regex':
      return { expected: fmt("'%s' matched by regex expression '%s'"), pass: safeRegex(compareValue)?.test(flagVal) ?? false }
    case 'valid_elements':
      return { expected: fmt("'%s' contains valid elements from '%s'"), pass: allElementsValid(splitList(flagVal), splitList(compareValue)) }
    case 'bitmask': {
      if (!OCTAL.test(flagVal)) return { expected: `Not numeric value - flag: ${flagVal}`, pass: false }
      if (!OCTAL.test(compareValue)) return { expected: `Not numeric value - flag: ${compareValue}`, pass: false }
      const requested = Number.parseInt(flagVal, 8)
      const max = Number.parseInt(compareValue, 8)
      return { expected: `${flagName} has permissions ${flagVal}, expected ${compareValue} or more restrictive`, pass: (max & requested) === requested }
    }
    default:
      return { expected: '', pass: false }
  }
}

// Upstream panics on an invalid pattern (regexp.MustCompile); a benchmark file is data here, so it fails the test instead.
function safeRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern)
  } catch {
    return undefined
  }
}

function splitList(text: string): string[] {
  const clean = text.trim().replace(/,+$/, '')
  return clean === '' ? [] : clean.split(',').map((item) => item.trim())
}

function allElementsValid(values: string[], allowed: string[]): boolean {
  if (values.length === 0 || allowed.length === 0) return values.length === allowed.length
  return values.every((value) => allowed.includes(value))
}
