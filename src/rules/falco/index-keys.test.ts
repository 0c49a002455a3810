import { describe, expect, it } from 'vitest'
import { indexKeysOf } from './index-keys.js'
import { parseCondition } from './parse-condition.js'

const keys = (cond: string) => indexKeysOf(parseCondition(cond), new Map([['writes', ['create', 'update']]]))

describe('indexKeysOf', () => {
  it('collects equality and in-list facts required on every path', () => {
    expect(keys('ka.verb=create and ka.target.resource=pods')).toEqual({ verb: ['create'], resource: ['pods'] })
    expect(keys('ka.verb in (writes) and (ka.target.resource=roles or ka.target.resource=clusterroles)')).toEqual({ verb: ['create', 'update'], resource: ['clusterroles', 'roles'] })
    expect(keys('ka.verb in (Create, patch) and ka.verb=patch')).toEqual({ verb: ['patch'] })
    expect(keys('ka.target.subresource in (exec, Attach) and ka.response.code=403')).toEqual({ subresource: ['attach', 'exec'], code: ['403'] })
  })

  it('reads a negated exists as the field missing (\'\'), through nested nots and De Morgan', () => {
    expect(keys('ka.target.resource=pods and not ka.target.subresource exists')).toEqual({ resource: ['pods'], subresource: [''] })
    expect(keys('not (ka.target.subresource exists or ka.user.name=bob)')).toEqual({ subresource: [''] })
    expect(keys('not (ka.target.subresource exists and ka.user.name=bob)')).toEqual({})
    expect(keys('not not ka.target.subresource exists')).toEqual({})
    expect(keys('ka.target.subresource in (exec) or not ka.target.subresource exists')).toEqual({ subresource: ['', 'exec'] })
  })

  it('gives no key when some path does not constrain the field', () => {
    expect(keys('ka.verb=create or ka.user.name=bob')).toEqual({})
    expect(keys('not ka.verb=create')).toEqual({})
    expect(keys('ka.verb startswith c')).toEqual({})
  })
})
