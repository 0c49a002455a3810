import { describe, expect, it } from 'vitest'
import { matchesSelector } from './selector.js'

describe('matchesSelector', () => {
  const labels = { tier: 'web', 'aggregate-to-view': 'true' }
  it('requires every matchLabel and every expression', () => {
    expect(matchesSelector({ matchLabels: { tier: 'web' } }, labels)).toBe(true)
    expect(matchesSelector({ matchLabels: { tier: 'db' } }, labels)).toBe(false)
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, labels)).toBe(true)
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels)).toBe(false)
    expect(matchesSelector({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true)
    expect(matchesSelector({ matchExpressions: [{ key: 'aggregate-to-view', operator: 'Exists' }] }, labels)).toBe(true)
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(false)
    expect(matchesSelector({ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false)
  })
  it('matches everything with an empty selector and nothing with an unknown operator', () => {
    expect(matchesSelector({}, labels)).toBe(true)
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Like' }] }, labels)).toBe(false)
  })
})
