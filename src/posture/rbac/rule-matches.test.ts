import { describe, expect, it } from 'vitest'
import { toRule } from './decode.js'
import { ruleAllows } from './rule-matches.js'

const rule = (r: Record<string, string[]>) => toRule(r)

describe('ruleAllows (RBAC authorizer semantics)', () => {
  it('matches verbs and api groups, with * and the core group ""', () => {
    const core = rule({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] })
    expect(ruleAllows(core, { verb: 'get', resource: 'pods' })).toBe(true)
    expect(ruleAllows(core, { verb: 'delete', resource: 'pods' })).toBe(false)
    expect(ruleAllows(core, { verb: 'get', resource: 'pods', apiGroup: 'apps' })).toBe(false)
    const any = rule({ apiGroups: ['*'], resources: ['pods'], verbs: ['*'] })
    expect(ruleAllows(any, { verb: 'delete', resource: 'pods', apiGroup: 'metrics.k8s.io' })).toBe(true)
  })

  it('treats subresources exactly: pods does not grant pods/exec; */scale and * do; pods/* is literal', () => {
    const pods = rule({ apiGroups: [''], resources: ['pods'], verbs: ['create'] })
    expect(ruleAllows(pods, { verb: 'create', resource: 'pods', subresource: 'exec' })).toBe(false)
    const exec = rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] })
    expect(ruleAllows(exec, { verb: 'create', resource: 'pods', subresource: 'exec' })).toBe(true)
    expect(ruleAllows(exec, { verb: 'create', resource: 'pods' })).toBe(false)
    const scale = rule({ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] })
    expect(ruleAllows(scale, { verb: 'update', resource: 'deployments', subresource: 'scale', apiGroup: 'apps' })).toBe(true)
    expect(ruleAllows(scale, { verb: 'update', resource: 'deployments', apiGroup: 'apps' })).toBe(false)
    const all = rule({ apiGroups: [''], resources: ['*'], verbs: ['create'] })
    expect(ruleAllows(all, { verb: 'create', resource: 'pods', subresource: 'exec' })).toBe(true)
    const podsStar = rule({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] })
    expect(ruleAllows(podsStar, { verb: 'create', resource: 'pods', subresource: 'exec' })).toBe(false)
  })

  it('limits by resourceNames only for named requests', () => {
    const named = rule({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'], resourceNames: ['tls'] })
    expect(ruleAllows(named, { verb: 'get', resource: 'secrets', name: 'tls' })).toBe(true)
    expect(ruleAllows(named, { verb: 'get', resource: 'secrets', name: 'db' })).toBe(false)
    expect(ruleAllows(named, { verb: 'list', resource: 'secrets' })).toBe(false)
  })

  it('matches nonResourceURLs exactly, by trailing *, and never resource requests', () => {
    const urls = rule({ nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] })
    expect(ruleAllows(urls, { verb: 'get', nonResourceURL: '/healthz' })).toBe(true)
    expect(ruleAllows(urls, { verb: 'get', nonResourceURL: '/healthz/etcd' })).toBe(false)
    expect(ruleAllows(urls, { verb: 'get', nonResourceURL: '/logs/kube-apiserver.log' })).toBe(true)
    expect(ruleAllows(urls, { verb: 'get', resource: 'pods' })).toBe(false)
    const resources = rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] })
    expect(ruleAllows(resources, { verb: 'get', nonResourceURL: '/metrics' })).toBe(false)
  })
})
