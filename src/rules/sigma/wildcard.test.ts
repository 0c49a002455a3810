import { describe, expect, it } from 'vitest'
import { ANY, compilePattern, ONE, parseWildcards, wrapPattern } from './wildcard.js'

describe('parseWildcards', () => {
  it.each([
    ['abc', ['abc']],
    ['a*b?c', ['a', ANY, 'b', ONE, 'c']],
    ['a\\*b', ['a*b']],
    ['a\\?b', ['a?b']],
    ['C:\\Windows\\*', ['C:\\Windows*']],
    ['C:\\\\*', ['C:\\', ANY]],
    ['C:\\\\\\*', ['C:\\*']],
    ['a\\\\\\\\b', ['a\\\\b']],
    ['a\\\\\\b', ['a\\\\b']],
    ['ends\\', ['ends\\']],
    ['**x', [ANY, 'x']],
  ])('%s', (raw, want) => {
    expect(parseWildcards(raw)).toEqual(want)
  })

  it('adds contains wildcards after escapes, so a trailing backslash stays literal', () => {
    const p = wrapPattern(parseWildcards('\\temp\\'), true, true)
    expect(compilePattern(p, {})('c:\\TEMP\\x')).toBe(true)
    expect(compilePattern(p, {})('c:\\temp')).toBe(false)
  })
})

describe('compilePattern', () => {
  const test = (raw: string, s: string, cased = false): boolean => compilePattern(parseWildcards(raw), { cased })(s)
  it('matches case-insensitively by default and exactly when cased', () => {
    expect(test('CMD.exe', 'cmd.EXE')).toBe(true)
    expect(test('CMD.exe', 'cmd.EXE', true)).toBe(false)
    expect(test('cmd', 'cmd.exe')).toBe(false)
  })
  it('handles *-only globs with string operations', () => {
    expect(test('*\\cmd.exe', 'C:\\Windows\\cmd.exe')).toBe(true)
    expect(test('C:\\\\*', 'c:\\x')).toBe(true)
    expect(test('C:\\*', 'c:*')).toBe(true)
    expect(test('*in*', 'login')).toBe(true)
    expect(test('a*b*c', 'axxbyyc')).toBe(true)
    expect(test('a*b*c', 'acb')).toBe(false)
    expect(test('ab*ba', 'aba')).toBe(false)
    expect(test('*', 'anything')).toBe(true)
  })
  it('handles ? through RE2', () => {
    expect(test('prog?.exe', 'progA.exe')).toBe(true)
    expect(test('prog?.exe', 'prog.exe')).toBe(false)
    expect(test('a?c*', 'A\nCdef')).toBe(true)
  })
  it('does not treat regex metacharacters of the value as regex', () => {
    expect(test('a.c?', 'abcd')).toBe(false)
    expect(test('(x)+?', '(x)+!')).toBe(true)
  })
})
