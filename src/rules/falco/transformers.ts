import type { FieldValue } from './json-values.js'

const STRING_TRANSFORMS: Record<string, (s: string) => string> = {
  tolower: (s) => s.toLowerCase(),
  toupper: (s) => s.toUpperCase(),
  b64: (s) => Buffer.from(s, 'base64').toString('utf8'),
  basename: (s) => s.slice(s.lastIndexOf('/') + 1),
}

/**
 * Apply one Falco field transformer; on a list field each value is transformed, except `len`,
 * which counts the values (and gives a string's length for a single value).
 * @example
 * applyTransformer('tolower', ['A', 'B']) // ['a', 'b']
 */
export function applyTransformer(name: string, value: FieldValue): FieldValue {
  if (value === undefined) return undefined
  if (name === 'len') return String(Array.isArray(value) ? value.length : value.length)
  const fn = STRING_TRANSFORMS[name]
  if (!fn) throw new Error(`unknown transformer "${name}"`)
  return Array.isArray(value) ? value.map(fn) : fn(value)
}

/**
 * Whether `name` may wrap a field on the left-hand side.
 * @example
 * isLhsTransformer('len') // true
 */
export function isLhsTransformer(name: string): boolean {
  return name === 'len' || name in STRING_TRANSFORMS
}
