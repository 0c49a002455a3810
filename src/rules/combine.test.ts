import { describe, expect, it } from 'vitest'
import { everyPred, somePred } from './combine.js'

type Ev = Record<string, unknown>

describe('everyPred / somePred', () => {
  it('give the plain AND / OR whatever order they settle on', () => {
    const a = (e: Ev) => e.a === 1
    const b = (e: Ev) => e.b === 1
    const c = (e: Ev) => e.c === 1
    const and = everyPred([a, b, c])
    const or = somePred([a, b, c])
    for (let i = 0; i < 20_000; i++) {
      const e = { a: i % 2, b: i % 3 === 0 ? 1 : 0, c: i % 97 === 0 ? 1 : 0 }
      expect(and(e)).toBe(a(e) && b(e) && c(e))
      expect(or(e)).toBe(a(e) || b(e) || c(e))
    }
  })
  it('try the operand that decides most often first, once it has seen enough events', () => {
    let calls = { common: 0, rare: 0 }
    const common = (e: Ev) => (calls.common++, e.kind !== 'x')
    const rare = (e: Ev) => (calls.rare++, e.kind === 'x')
    const and = everyPred([common, rare])
    for (let i = 0; i < 10_000; i++) and({ kind: 'y' })
    calls = { common: 0, rare: 0 }
    for (let i = 0; i < 1_000; i++) and({ kind: 'y' })
    // `rare` fails every event, so it runs first and `common` is no longer needed.
    expect(calls).toEqual({ common: 0, rare: 1_000 })
  })
})
