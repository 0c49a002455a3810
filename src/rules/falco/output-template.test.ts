import { describe, expect, it } from 'vitest'
import { compileOutput } from './output-template.js'

const EV = {
  kind: 'Event', auditID: 'a', verb: 'create', user: { username: 'bob' }, objectRef: { resource: 'pods', name: 'p' },
  requestObject: { spec: { containers: [{ image: 'nginx' }, { image: 'redis:7' }] } },
}

describe('compileOutput', () => {
  it('renders fields, JSON pointers, lists as (a,b) and missing values as <NA>', () => {
    const render = compileOutput('user=%ka.user.name target=%ka.target.name/%ka.target.resource images=%ka.req.pod.containers.image v=%jevt.value[/verb] ns=%ka.target.namespace\n', {})
    expect(render(EV)).toBe('user=bob target=p/pods images=(nginx,redis:7) v=create ns=<NA>')
  })

  it('keeps text without placeholders and a stray percent sign', () => {
    expect(compileOutput('"JSON Pointer Test Alert" 100%', {})(EV)).toBe('"JSON Pointer Test Alert" 100%')
  })

  it('throws on unknown fields and on bad arguments', () => {
    expect(() => compileOutput('%ka.usr.name', {})).toThrow('unknown field "ka.usr.name"; did you mean "ka.user.name"?')
    expect(() => compileOutput('%jevt.value', {})).toThrow('requires an argument')
  })
})
