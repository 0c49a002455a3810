import { describe, expect, it } from 'vitest'
import { compilePredicate } from './compile-predicate.js'
import { withExceptions, type FalcoException } from './exceptions.js'
import { parseCondition } from './parse-condition.js'

const LISTS = new Map([['robots', ['r2', 'c3po']]])
const ruleWith = (exceptions: FalcoException[]) => compilePredicate(withExceptions(parseCondition('ka.verb = get'), exceptions), LISTS, {})
const ev = (user: string, ns = 'default') => ({ auditID: 'a', verb: 'get', user: { username: user }, objectRef: { namespace: ns } })

describe('withExceptions', () => {
  it('defaults comps to = for field lists and ANDs each tuple, ORs the tuples', () => {
    const match = ruleWith([{ name: 'e', fields: ['ka.user.name', 'ka.target.namespace'], values: [['bob', 'dev'], ['amy', 'prod']] }])
    expect(match(ev('bob', 'dev'))).toBe(false)
    expect(match(ev('amy', 'prod'))).toBe(false)
    expect(match(ev('bob', 'prod'))).toBe(true)
  })

  it('defaults comps to in for a single field and resolves list names among values', () => {
    const match = ruleWith([{ name: 'e', fields: 'ka.user.name', values: ['robots', 'bob'] }])
    expect(match(ev('r2'))).toBe(false)
    expect(match(ev('bob'))).toBe(false)
    expect(match(ev('amy'))).toBe(true)
  })

  it('treats a bare string after in as a list name, and other comps literally', () => {
    const match = ruleWith([{ name: 'e', fields: ['ka.user.name'], comps: ['in'], values: [['robots']] }, { name: 'f', fields: ['ka.user.name'], comps: ['startswith'], values: [['system:']] }])
    expect(match(ev('c3po'))).toBe(false)
    expect(match(ev('system:kube'))).toBe(false)
    expect(match(ev('amy'))).toBe(true)
  })

  it('ignores exceptions without values and rejects malformed ones', () => {
    expect(ruleWith([{ name: 'e', fields: ['ka.user.name'] }])(ev('bob'))).toBe(true)
    expect(() => ruleWith([{ name: 'e', fields: ['ka.user.name', 'ka.verb'], values: [['bob']] }])).toThrow(/BAD_EXCEPTION/)
    expect(() => ruleWith([{ name: 'e', fields: ['ka.user.name'], comps: ['exists'], values: [['x']] }])).toThrow(/BAD_EXCEPTION/)
    expect(() => ruleWith([{ name: 'e', fields: ['ka.usr'], values: [['x']] }])).toThrow(/UNKNOWN_FIELD/)
  })
})
