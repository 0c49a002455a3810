import { describe, expect, test } from 'vitest'
import { metricOf } from './correlation-metric.js'
import { GroupWindows } from './correlation-window.js'

// The group's state after entries from the given rules (by index), one a millisecond.
function stateOf(refs: number[]) {
  const w = new GroupWindows({ timespanMs: 60_000, maxGroups: 10, maxEventsPerGroup: 10_000 })
  let state = undefined as ReturnType<GroupWindows['add']> | undefined
  refs.forEach((ref, t) => (state = w.add('g', { user: 'g' }, { t, ref })))
  return state!
}

// The order reached by a plain scan of every entry: what the metric must equal.
function scanned(refs: number[], ruleCount: number): number {
  let next = 0
  for (const ref of refs) if (ref === next && ++next === ruleCount) break
  return next
}

describe('metricOf temporal_ordered', () => {
  test('counts how far the rules appear in order, as a full scan does', () => {
    const cases = [[1, 0, 2, 1], [0, 1, 2], [2, 1, 0], [1, 1, 1, 1], [0, 0, 2, 2], [0, 2, 1, 2], [2, 2, 0, 1, 1, 2]]
    for (const refs of cases) expect(metricOf('temporal_ordered', stateOf(refs), 3), refs.join(',')).toBe(scanned(refs, 3))
  })

  test('a window without the first rule is 0 however long it is', () => {
    expect(metricOf('temporal_ordered', stateOf(Array.from({ length: 5000 }, () => 1)), 2)).toBe(0)
  })
})
