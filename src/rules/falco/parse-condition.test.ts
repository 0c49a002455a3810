import { describe, expect, it } from 'vitest'
import { ConditionSyntaxError, parseCondition } from './parse-condition.js'

describe('parseCondition', () => {
  it('gives not > and > or precedence', () => {
    expect(parseCondition('a or b and not c')).toEqual({
      kind: 'or',
      children: [
        { kind: 'macro', name: 'a', pos: 0 },
        { kind: 'and', children: [{ kind: 'macro', name: 'b', pos: 5 }, { kind: 'not', child: { kind: 'macro', name: 'c', pos: 15 } }] },
      ],
    })
  })

  it('parses symbol operators without spaces and bare values with colons and slashes', () => {
    expect(parseCondition('ka.target.namespace!=kube-system')).toMatchObject({ op: '!=', lhs: { field: 'ka.target.namespace' }, rhs: { kind: 'value', value: { value: 'kube-system' } } })
    expect(parseCondition('ka.user.name=system:anonymous')).toMatchObject({ rhs: { value: { value: 'system:anonymous', quoted: false } } })
    expect(parseCondition('ka.uri startswith /healthz?')).toMatchObject({ op: 'startswith', rhs: { value: { value: '/healthz?' } } })
  })

  it('parses value lists with quoted and bare items, and empty lists', () => {
    expect(parseCondition('ka.verb in (create, "up date", \'x\')')).toMatchObject({
      op: 'in',
      rhs: { kind: 'list', items: [{ value: 'create', quoted: false }, { value: 'up date', quoted: true }, { value: 'x', quoted: true }] },
    })
    expect(parseCondition('ka.verb in ()')).toMatchObject({ rhs: { kind: 'list', items: [] } })
  })

  it('keeps field arguments verbatim, including JSON pointers with dots and tildes', () => {
    expect(parseCondition('jevt.value[/annotations/authorization.k8s.io~1decision] exists')).toMatchObject({
      op: 'exists',
      lhs: { field: 'jevt.value', arg: '/annotations/authorization.k8s.io~1decision' },
    })
    expect(parseCondition('ka.req.volume.hostpath[/proc*]=true')).toMatchObject({ lhs: { arg: '/proc*' }, rhs: { value: { value: 'true' } } })
  })

  it('parses transformers and val() field comparisons', () => {
    expect(parseCondition('tolower(ka.user.name) = val(ka.impuser.name)')).toMatchObject({
      lhs: { field: 'ka.user.name', transformers: ['tolower'] },
      rhs: { kind: 'field', ref: { field: 'ka.impuser.name', transformers: [] } },
    })
    expect(parseCondition('len(ka.user.groups) > 2')).toMatchObject({ lhs: { transformers: ['len'] }, op: '>' })
  })

  it('does not read keywords inside longer words', () => {
    expect(parseCondition('android and order')).toMatchObject({ kind: 'and', children: [{ name: 'android' }, { name: 'order' }] })
    expect(parseCondition('ka.verb in(get)')).toMatchObject({ op: 'in' })
  })

  it.each([
    ['ka.verb =', 'expected a value'],
    ['(kevt and pod', 'expected ")"'],
    ['ka.verb = "open', 'unterminated string'],
    ['ka.verb', 'expected an operator'],
    ['kevt and', 'expected a field or macro name'],
    ['kevt pod', 'unexpected "pod"'],
    ['ka.verb = (a, b)', 'takes one value'],
  ])('rejects %j with a positioned error', (text, message) => {
    expect(() => parseCondition(text)).toThrow(ConditionSyntaxError)
    expect(() => parseCondition(text)).toThrow(message)
  })
})
