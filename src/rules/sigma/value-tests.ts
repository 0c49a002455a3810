import { compileFieldPath } from './field-path.js'
import type { Compare, ModifierChain } from './modifiers.js'

/** A test of one event value (its text, the raw value, and the whole event for field references). */
export type TextTest = (text: string, value: unknown, event: Record<string, unknown>) => boolean

/**
 * The `fieldref` modifier: compare the field with another field of the same event, honouring
 * cased and contains/startswith/endswith.
 * @example
 * compileFieldref('TargetUser', chain)(subjectUserText, subjectUser, event)
 */
export function compileFieldref(other: string, chain: ModifierChain): TextTest {
  const read = compileFieldPath(other)
  const norm = (s: string): string => (chain.cased ? s : s.toLowerCase())
  const steps = new Set(chain.steps)
  const op = steps.has('contains')
    ? (a: string, b: string) => a.includes(b)
    : steps.has('startswith')
      ? (a: string, b: string) => a.startsWith(b)
      : steps.has('endswith')
        ? (a: string, b: string) => a.endsWith(b)
        : (a: string, b: string) => a === b
  return (text, _value, event) => {
    const mine = norm(text)
    const fv = read(event)
    return (chain.cased ? fv.texts() : fv.lower()).some((t) => t !== undefined && op(mine, t))
  }
}

/**
 * A numeric comparison against the rule's number; no operator means equality (time modifiers alone).
 * @example
 * compareWith('gte', 10)(12) // true
 */
export function compareWith(op: Compare | undefined, want: number): (n: number) => boolean {
  switch (op) {
    case 'lt':
      return (n) => n < want
    case 'lte':
      return (n) => n <= want
    case 'gt':
      return (n) => n > want
    case 'gte':
      return (n) => n >= want
    default:
      return (n) => n === want
  }
}
