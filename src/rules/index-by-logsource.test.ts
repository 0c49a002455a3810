import { describe, expect, it } from 'vitest'
import { RuleIndex } from './index-by-logsource.js'
import type { CompiledRule, Logsource, RuleIndexKeys } from './rule.js'
import { loadSigmaRules } from './sigma/index.js'

function fake(id: string, logsource: Logsource, index: RuleIndexKeys, enabled = true): CompiledRule {
  return {
    ref: { id, title: id, source: 'sigma' },
    severity: 'low',
    mitre: [],
    tags: [],
    enabled,
    logsource,
    index,
    match: () => true,
    summarize: () => id,
  }
}

const K8S = { product: 'kubernetes', service: 'audit' }

describe('RuleIndex', () => {
  const rules = [
    fake('exec', { ...K8S, category: 'application' }, { verb: ['create'], resource: ['pods'] }),
    fake('secrets', K8S, { verb: ['get', 'list'], resource: ['secrets'] }),
    fake('any-verb', K8S, { resource: ['pods'] }),
    fake('unindexed', K8S, {}),
    fake('windows', { product: 'windows', category: 'process_creation' }, {}),
    fake('off', K8S, {}, false),
  ]
  const index = new RuleIndex(rules)
  const ids = (event: Record<string, unknown>, logsource?: Logsource) => index.candidates(event, logsource).map((r) => r.ref.id)

  it('admits only rules whose verb and resource keys fit, plus unindexed ones', () => {
    expect(ids({ verb: 'CREATE', objectRef: { resource: 'Pods' } }, K8S)).toEqual(['exec', 'any-verb', 'unindexed'])
    expect(ids({ verb: 'list', objectRef: { resource: 'secrets' } }, K8S)).toEqual(['secrets', 'unindexed'])
    expect(ids({ verb: 'delete', objectRef: { resource: 'secrets' } }, K8S)).toEqual(['unindexed'])
    expect(ids({}, K8S)).toEqual(['unindexed'])
  })

  it('filters by logsource unless anyLogsource is set', () => {
    expect(ids({}, { product: 'windows' })).toEqual(['windows'])
    expect(ids({}, { product: 'windows', category: 'file_event' })).toEqual([])
    expect(new RuleIndex(rules, { anyLogsource: true }).candidates({}, { product: 'windows' }).map((r) => r.ref.id)).toEqual(['unindexed', 'windows'])
    expect(ids({ verb: 'get', objectRef: { resource: 'secrets' } })).toEqual(['secrets', 'unindexed', 'windows'])
  })

  it('skips disabled rules', () => {
    expect(index.size).toBe(5)
  })

  it('indexes compiled Sigma rules by the keys their conditions require', () => {
    const text = `title: Exec\nid: e\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  selection:\n    verb: create\n    objectRef.resource: pods\n    objectRef.subresource: exec\n  condition: selection\n`
    const { rules: sigma } = loadSigmaRules([{ path: 'e.yml', text }])
    const idx = new RuleIndex(sigma)
    const exec = { verb: 'create', objectRef: { resource: 'pods', subresource: 'exec' } }
    expect(idx.candidates(exec, K8S).filter((r) => r.match(exec)).map((r) => r.ref.id)).toEqual(['e'])
    expect(idx.candidates({ verb: 'get', objectRef: { resource: 'pods' } }, K8S)).toEqual([])
  })

  it('indexes by subresource and response code too, numbers by their value', () => {
    const text = [
      `title: Exec\nid: exec\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  selection:\n    objectRef.subresource: [exec, attach]\n  condition: selection\n`,
      `title: Denied\nid: denied\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  selection:\n    responseStatus.code: [401, '403.0']\n  condition: selection\n`,
      `title: Not\nid: not\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  selection:\n    verb: get\n  filter:\n    objectRef.subresource: exec\n  condition: selection and not filter\n`,
    ].join('---\n')
    const { rules: sigma } = loadSigmaRules([{ path: 'k.yml', text }])
    expect(sigma.map((r) => r.index)).toEqual([{ subresource: ['attach', 'exec'] }, { code: ['401', '403'] }, { verb: ['get'] }])
    const idx = new RuleIndex(sigma)
    const hits = (event: Record<string, unknown>) => idx.candidates(event, K8S).filter((r) => r.match(event)).map((r) => r.ref.id)
    const candidates = (event: Record<string, unknown>) => idx.candidates(event, K8S).map((r) => r.ref.id)
    expect(candidates({ verb: 'get', objectRef: { resource: 'pods' }, responseStatus: { code: 200 } })).toEqual(['not'])
    expect(hits({ verb: 'get', objectRef: { resource: 'pods', subresource: 'EXEC' }, responseStatus: { code: 403 } })).toEqual(['exec', 'denied'])
    expect(hits({ verb: 'create', objectRef: { resource: 'pods', subresource: 'attach' }, responseStatus: { code: '401' } })).toEqual(['exec', 'denied'])
    // Index keys only ever narrow what would not match: every rule agrees with its plain match.
    for (const event of [{}, { responseStatus: { code: 401.0 } }, { verb: 'GET', objectRef: { subresource: 'exec' } }, { verb: 'get' }]) {
      expect(hits(event)).toEqual(sigma.filter((r) => r.match(event)).map((r) => r.ref.id))
    }
  })

  it('keys a rule that requires a field missing (not exists: true, or exists: false) on the empty value', () => {
    const rule = (id: string, detection: string) => `title: ${id}\nid: ${id}\nlogsource: {product: kubernetes, service: audit}\ndetection:\n${detection}\n`
    const text = [
      rule('no-sub', '  selection:\n    verb: create\n  subresource:\n    objectRef.subresource|exists: true\n  condition: selection and not subresource'),
      rule('absent', '  selection:\n    objectRef.subresource|exists: false\n    verb: [create, patch]\n  condition: selection'),
      rule('either', '  exec:\n    objectRef.subresource: exec\n  sub:\n    objectRef.subresource|exists: true\n  condition: exec or not sub'),
      rule('one-of', '  selection:\n    verb: get\n  filter_sub:\n    objectRef.subresource|exists: true\n  filter_user:\n    user.username: bob\n  condition: selection and not 1 of filter_*'),
      rule('all-of', '  selection:\n    verb: get\n  filter_sub:\n    objectRef.subresource|exists: true\n  filter_user:\n    user.username: bob\n  condition: selection and not all of filter_*'),
      rule('neq', '  selection:\n    verb: get\n    objectRef.subresource|neq: status\n  condition: selection'),
    ].join('---\n')
    const { rules: sigma, problems } = loadSigmaRules([{ path: 'n.yml', text }])
    expect(problems).toEqual([])
    expect(sigma.map((r) => r.index)).toEqual([
      { verb: ['create'], subresource: [''] },
      { verb: ['create', 'patch'], subresource: [''] },
      { subresource: ['', 'exec'] },
      { verb: ['get'], subresource: [''] },
      { verb: ['get'] },
      { verb: ['get'] },
    ])
    const idx = new RuleIndex(sigma)
    const hits = (event: Record<string, unknown>) => idx.candidates(event, K8S).filter((r) => r.match(event)).map((r) => r.ref.id)
    expect(idx.candidates({ verb: 'create', objectRef: { resource: 'pods', subresource: 'binding' } }, K8S).map((r) => r.ref.id)).toEqual([])
    expect(hits({ verb: 'create', objectRef: { resource: 'pods' } })).toEqual(['no-sub', 'absent', 'either'])
    // Index keys only ever narrow what would not match: every rule agrees with its plain match.
    const events = [{}, { verb: 'get' }, { verb: 'get', user: { username: 'bob' } }, { verb: 'GET', objectRef: { subresource: 'Exec' } }, { verb: 'patch', objectRef: { subresource: 'status' } }, { verb: 'create', objectRef: { subresource: null } }, { verb: 'get', objectRef: { subresource: '' } }, { 'objectRef.subresource': 'exec', verb: 'get' }]
    for (const event of events) expect(hits(event)).toEqual(sigma.filter((r) => r.match(event)).map((r) => r.ref.id))
  })

  it('can warn about kubernetes rules it cannot index', () => {
    const text = `title: U\nid: u\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  selection:\n    userAgent|contains: kube-hunter\n  condition: selection\n`
    const { problems } = loadSigmaRules([{ path: 'u.yml', text }], { warnNotIndexable: true })
    expect(problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_NOT_INDEXABLE', severity: 'warning', ruleId: 'u' }])
  })
})
