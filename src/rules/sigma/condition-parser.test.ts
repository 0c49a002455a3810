import { describe, expect, it } from 'vitest'
import { ConditionSyntaxError, parseCondition, type CondNode } from './condition-parser.js'

function show(n: CondNode): string {
  switch (n.t) {
    case 'id':
      return n.name
    case 'not':
      return `(not ${show(n.e)})`
    case 'of':
      return `[${n.count} of ${n.pattern}]`
    default:
      return `(${show(n.l)} ${n.t} ${show(n.r)})`
  }
}

describe('parseCondition', () => {
  it.each([
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not (a and b)', '(not (a and b))'],
    ['a and not 1 of filter_*', '(a and (not [1 of filter_*]))'],
    ['all of selection_* or 1 of them', '([all of selection_*] or [1 of them])'],
    ['A AND NOT B', '(A and (not B))'],
    ['not not a', '(not (not a))'],
    ['2 of sel*', '[2 of sel*]'],
  ])('%s', (src, want) => {
    expect(show(parseCondition(src))).toBe(want)
  })

  it.each([
    ['a and', 'the end of the condition', 5],
    ['(a or b', '")"', 7],
    ['a b', '"b"', 2],
    ['sel*', 'needs "1 of"', 0],
    ['selection | count() > 5', 'correlation rule', 10],
    ['1 of', 'after "of"', 4],
  ])('rejects %s', (src, text, at) => {
    try {
      parseCondition(src)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConditionSyntaxError)
      expect((err as Error).message).toContain(text)
      expect((err as ConditionSyntaxError).at).toBe(at)
    }
  })
})
