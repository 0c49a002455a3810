import { describe, expect, test } from 'vitest'
import { PatternSet } from './pattern-set.js'
import { ANY, ONE, parseWildcards } from './wildcard.js'

describe('PatternSet', () => {
  test('one normalized text against exact values, prefixes, suffixes, substrings and ? globs', () => {
    const set = new PatternSet({})
    for (const p of ['Create', 'kube-*', '*.exe', '*XMRIG*', 'a*b*c', 'v?']) set.add(parseWildcards(p))
    // The caller normalizes the text once (lower-cased here, as the set is not cased).
    for (const yes of ['create', 'kube-proxy', 'run.exe', 'docker.io/xmrig/x', 'a-b-c', 'v1']) expect(set.test(yes), yes).toBe(true)
    for (const no of ['created', 'kubelet', 'exe', 'xmri', 'a-c-b', 'v12']) expect(set.test(no), no).toBe(false)
  })

  test('cased sets keep case; a numeric literal also equals a JSON number', () => {
    const set = new PatternSet({ cased: true })
    set.add(['Secret'])
    set.add(['403'])
    expect(set.test('Secret')).toBe(true)
    expect(set.test('secret')).toBe(false)
    expect(set.hasNumbers).toBe(true)
    expect(set.testNumber(403)).toBe(true)
    expect(set.testNumber('403')).toBe(false)
  })

  test('a lone * matches any text; windash folding applies to the patterns', () => {
    const any = new PatternSet({})
    any.add([ANY])
    expect(any.test('')).toBe(true)
    const folded = new PatternSet({ fold: true })
    folded.add([ANY, '/c', ANY])
    expect(folded.test('cmd -c x')).toBe(true)
    const one = new PatternSet({})
    one.add(['a', ONE])
    expect(one.test('ab')).toBe(true)
  })
})
