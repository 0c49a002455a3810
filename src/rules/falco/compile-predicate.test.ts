import { describe, expect, it } from 'vitest'
import { compilePredicate } from './compile-predicate.js'
import { parseCondition } from './parse-condition.js'

const LISTS = new Map<string, string[]>([['allowed', ['nginx', 'apache']]])
const compile = (cond: string) => compilePredicate(parseCondition(cond), LISTS, {})

function pod(containers: Array<Record<string, unknown>>): Record<string, unknown> {
  return { kind: 'Event', auditID: 'a1', verb: 'create', user: { username: 'bob', groups: ['dev', 'ops'] }, objectRef: { resource: 'pods' }, requestObject: { spec: { containers } } }
}

describe('compilePredicate: list fields', () => {
  const two = pod([{ image: 'nginx:1.25' }, { image: 'redis' }])

  it('`in` needs every value in the set; `intersects` needs one', () => {
    expect(compile('ka.req.pod.containers.image.repository in (nginx, redis)')(two)).toBe(true)
    expect(compile('ka.req.pod.containers.image.repository in (allowed)')(two)).toBe(false)
    expect(compile('ka.req.pod.containers.image.repository intersects (allowed)')(two)).toBe(true)
  })

  it('treats an empty extraction as a missing field: in, intersects and exists are false, their negation true', () => {
    const none = pod([{ image: 'nginx' }])
    expect(compile('ka.req.pod.containers.privileged in (true)')(none)).toBe(false)
    expect(compile('ka.req.pod.containers.privileged intersects (true)')(none)).toBe(false)
    expect(compile('ka.req.pod.containers.privileged exists')(none)).toBe(false)
    expect(compile('not ka.req.pod.containers.privileged in (true)')(none)).toBe(true)
  })

  it('rejects single-value operators on list fields at compile time', () => {
    expect(() => compile('ka.req.role.rules.resources contains "pods/exec"')).toThrow(/BAD_OPERATOR/)
  })

  it('selects one element with a numeric index argument', () => {
    expect(compile('ka.req.pod.containers.image[1] in (redis)')(two)).toBe(true)
    expect(compile('ka.req.pod.containers.image[0] in (redis)')(two)).toBe(false)
  })
})

describe('compilePredicate: scalar fields', () => {
  const ev = pod([])

  it('makes every comparison on a missing field false, and its negation true', () => {
    expect(compile('ka.impuser.name = bob')(ev)).toBe(false)
    expect(compile('ka.impuser.name != bob')(ev)).toBe(false)
    expect(compile('not ka.impuser.name = bob')(ev)).toBe(true)
    expect(compile('ka.impuser.name exists')(ev)).toBe(false)
  })

  it('expands unquoted list names but keeps quoted items and unknown names literal', () => {
    expect(compile('ka.user.name in (allowed, bob)')(ev)).toBe(true)
    expect(compile('ka.user.name in ("allowed")')({ ...ev, user: { username: 'allowed' } })).toBe(true)
    expect(compile('ka.user.name in (undefined_list_name)')({ ...ev, user: { username: 'undefined_list_name' } })).toBe(true)
  })

  it('applies transformers before comparing', () => {
    const shout = { ...ev, user: { username: 'BoB', groups: ['a', 'b', 'c'] } }
    expect(compile('tolower(ka.user.name) = bob')(shout)).toBe(true)
    expect(compile('toupper(ka.user.name) = BOB')(shout)).toBe(true)
    expect(compile('len(ka.user.groups) = 3')(shout)).toBe(true)
    expect(compile('len(ka.user.name) > 2')(shout)).toBe(true)
    expect(compile('b64(ka.user.name) = hello')({ ...ev, user: { username: 'aGVsbG8=' } })).toBe(true)
    expect(compile('basename(ka.uri) = pods')({ ...ev, requestURI: '/api/v1/pods' })).toBe(true)
  })

  it('compares two fields with val()', () => {
    expect(compile('ka.user.name = val(ka.impuser.name)')({ ...ev, impersonatedUser: { username: 'bob' } })).toBe(true)
    expect(compile('ka.user.name = val(ka.impuser.name)')(ev)).toBe(false)
  })

  it('reports unknown fields and bad arguments', () => {
    expect(() => compile('ka.user.nam = bob')).toThrow(/UNKNOWN_FIELD.*did you mean/)
    expect(() => compile('ka.verb[1] = get')).toThrow(/takes no argument/)
    expect(() => compile('jevt.value exists')).toThrow(/requires an argument/)
    expect(() => compile('ka.user.name regex "("')).toThrow(/CONDITION_SYNTAX/)
  })
})
