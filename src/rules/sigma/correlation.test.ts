import { describe, expect, it } from 'vitest'
import type { CorrelationRule } from './correlation.js'
import { loadSigmaRules } from './load.js'
import type { SigmaLoadOptions } from './options.js'

const base = (id: string, name: string, verb: string): string =>
  `title: ${name}\nid: ${id}\nname: ${name}\nlogsource:\n  product: kubernetes\n  service: audit\ndetection:\n  selection:\n    verb: ${verb}\n  condition: selection\n`

const BASES = [base('r-get', 'secret_get', 'get'), base('r-list', 'secret_list', 'list'), base('r-del', 'secret_delete', 'delete')].join('---\n')

function load(correlation: string, options: SigmaLoadOptions = {}) {
  const result = loadSigmaRules([{ path: 'base.yml', text: BASES }, { path: 'corr.yml', text: correlation }], options)
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([])
  return result
}

function corr(type: string, rules: string[], extra: string): string {
  return `title: C ${type}\nid: c-${type}\nlevel: high\ntags: [attack.t1552.007]\ncorrelation:\n  type: ${type}\n  rules: [${rules.join(', ')}]\n  group-by: [user.username]\n  timespan: 1m\n${extra}`
}

const S = 1000
const ev = (user: string, extra: Record<string, unknown> = {}) => ({ user: { username: user }, ...extra })

/** Feed (rule, event, time) triples and return the hit values in order. */
function feed(c: CorrelationRule, steps: Array<[string, Record<string, unknown>, number]>): Array<[string, number]> {
  const out: Array<[string, number]> = []
  steps.forEach(([rule, e, t], i) => {
    for (const h of c.observe(rule, e, t, `e${i}`)) out.push([h.group['user.username'], h.value])
  })
  return out
}

describe('correlation types', () => {
  it('event_count fires once per group when the count is reached inside the timespan', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 3\n')).correlations
    expect(c).toMatchObject({ type: 'event_count', severity: 'high', mitre: ['T1552.007'], consumes: ['r-get'] })
    const hits = feed(c, [
      ['r-get', ev('alice'), 0],
      ['r-get', ev('bob'), 1 * S],
      ['r-get', ev('alice'), 2 * S],
      ['r-get', ev('alice'), 3 * S],
      ['r-get', ev('alice'), 4 * S],
      ['r-get', ev('bob'), 90 * S],
      ['r-get', ev('bob'), 200 * S],
      ['r-list', ev('bob'), 201 * S],
    ])
    expect(hits).toEqual([['alice', 3]])
    const h = c.observe('r-get', ev('carol'), 0, 'x')
    expect(h).toEqual([])
  })

  it('event_count reports ids, first and last times', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gt: 1\n')).correlations
    c.observe('r-get', ev('a'), 10 * S, 'id1')
    const [hit] = c.observe('r-get', ev('a'), 20 * S, 'id2')
    expect(hit).toMatchObject({ group: { 'user.username': 'a' }, eventIds: ['id1', 'id2'], firstMs: 10 * S, lastMs: 20 * S, value: 2 })
    expect(hit.rule.ref).toMatchObject({ id: 'c-event_count', source: 'sigma' })
  })

  it('event_count forgets events older than the timespan', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 2\n')).correlations
    expect(feed(c, [['r-get', ev('a'), 0], ['r-get', ev('a'), 61 * S], ['r-get', ev('a'), 62 * S]])).toEqual([['a', 2]])
  })

  it('value_count counts distinct values of the field', () => {
    const [c] = load(corr('value_count', ['secret_get'], '  condition:\n    field: objectRef.name\n    gte: 3\n')).correlations
    const get = (name: string) => ev('a', { objectRef: { name } })
    expect(feed(c, [['r-get', get('s1'), 0], ['r-get', get('s1'), S], ['r-get', get('s2'), 2 * S], ['r-get', get('s3'), 3 * S]])).toEqual([['a', 3]])
  })

  it('temporal needs every rule in the timespan, in any order', () => {
    const [c] = load(corr('temporal', ['secret_list', 'secret_get'], '')).correlations
    expect(feed(c, [['r-get', ev('a'), 0], ['r-list', ev('b'), S], ['r-list', ev('a'), 2 * S]])).toEqual([['a', 2]])
    expect(feed(c, [['r-get', ev('c'), 0], ['r-list', ev('c'), 120 * S]])).toEqual([])
  })

  it('temporal_ordered needs the rules in the given order', () => {
    const [c] = load(corr('temporal_ordered', ['secret_list', 'secret_get'], '')).correlations
    expect(feed(c, [['r-get', ev('a'), 0], ['r-list', ev('a'), S]])).toEqual([])
    expect(feed(c, [['r-list', ev('b'), 0], ['r-get', ev('b'), S]])).toEqual([['b', 2]])
  })

  it('value_sum and value_avg aggregate a numeric field', () => {
    const [sum] = load(corr('value_sum', ['secret_get'], '  condition:\n    field: bytes\n    gt: 100\n')).correlations
    const b = (n: number) => ev('a', { bytes: n })
    expect(feed(sum, [['r-get', b(60), 0], ['r-get', b(30), S], ['r-get', b('20' as unknown as number), 2 * S]])).toEqual([['a', 110]])
    const [avg] = load(corr('value_avg', ['secret_get'], '  condition:\n    field: bytes\n    gte: 50\n    lt: 60\n')).correlations
    expect(feed(avg, [['r-get', b(10), 0], ['r-get', b(100), S]])).toEqual([['a', 55]])
  })

  it('value_percentile fires for a value rare within its group', () => {
    const [c] = load(corr('value_percentile', ['secret_get'], '  condition:\n    field: image\n    lte: 10\n')).correlations
    const steps: Array<[string, Record<string, unknown>, number]> = []
    for (let i = 0; i < 19; i++) steps.push(['r-get', ev('a', { image: 'nginx' }), i])
    steps.push(['r-get', ev('a', { image: 'xmrig' }), 20])
    expect(feed(c, steps)).toEqual([['a', 5]])
  })

  it('eq and neq conditions', () => {
    const [eq] = load(corr('event_count', ['secret_get'], '  condition:\n    eq: 2\n')).correlations
    expect(feed(eq, [['r-get', ev('a'), 0], ['r-get', ev('a'), 1]])).toEqual([['a', 2]])
    const [neq] = load(corr('event_count', ['secret_get'], '  condition:\n    neq: 1\n')).correlations
    expect(feed(neq, [['r-get', ev('a'), 0], ['r-get', ev('a'), 1]])).toEqual([['a', 2]])
  })
})

describe('correlation references', () => {
  it('resolves aliases per referenced rule', () => {
    const text = `title: A\nid: c-alias\ncorrelation:\n  type: temporal\n  rules: [secret_list, secret_get]\n  group-by: [actor]\n  timespan: 10s\n  aliases:\n    actor:\n      secret_list: user.username\n      secret_get: impersonatedUser.username\n`
    const [c] = load(text).correlations
    const hits = [...c.observe('r-list', { user: { username: 'mallory' } }, 0), ...c.observe('r-get', { impersonatedUser: { username: 'mallory' } }, S)]
    expect(hits.map((h) => h.group)).toEqual([{ actor: 'mallory' }])
  })

  it('chains correlations, keeps inner ones quiet and honours generate', () => {
    const text = `title: Brute force then success\nid: outer\nlevel: critical\ncorrelation:\n  type: temporal_ordered\n  rules: [many_lists, secret_get]\n  group-by: [user.username]\n  timespan: 10m\n---\ntitle: Many lists\nid: inner\nname: many_lists\ncorrelation:\n  type: event_count\n  rules: [r-list]\n  group-by: [user.username]\n  timespan: 10m\n  condition:\n    gte: 2\n`
    const { correlations } = load(text)
    expect(correlations.map((c) => c.ref.id)).toEqual(['outer'])
    const [c] = correlations
    expect(c.consumes.sort()).toEqual(['r-get', 'r-list'])
    expect([...c.generatesBase]).toEqual([])
    const hits = feed(c, [['r-get', ev('a'), 0], ['r-list', ev('a'), S], ['r-list', ev('a'), 2 * S], ['r-get', ev('a'), 3 * S]])
    expect(hits).toEqual([['a', 2]])
    const gen = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 2\ngenerate: true\n')).correlations[0]
    expect([...gen.generatesBase]).toEqual(['r-get'])
  })

  it('reports cyclic and unknown references, and bad fields', () => {
    const cyc = `title: A\nid: a\nname: ca\ncorrelation:\n  type: event_count\n  rules: [cb]\n  group-by: [x]\n  timespan: 1m\n  condition: {gte: 1}\n---\ntitle: B\nid: b\nname: cb\ncorrelation:\n  type: event_count\n  rules: [ca]\n  group-by: [x]\n  timespan: 1m\n  condition: {gte: 1}\n`
    const r = loadSigmaRules([{ path: 'c.yml', text: cyc }])
    expect(r.correlations).toEqual([])
    expect(r.problems.map((p) => p.code)).toContain('KUBESIEM_SIGMA_CYCLIC_REFERENCE')
    expect(r.problems.find((p) => p.code === 'KUBESIEM_SIGMA_CYCLIC_REFERENCE')?.message).toMatch(/ca -> cb -> ca|cb -> ca -> cb/)
    const unknown = loadSigmaRules([{ path: 'c.yml', text: corr('event_count', ['secret_gte'], '  condition: {gte: 1}\n') }, { path: 'b.yml', text: BASES }])
    expect(unknown.problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_UNKNOWN_RULE_REF', file: 'c.yml', line: 7 }])
    expect(unknown.problems[0].message).toContain('did you mean "secret_get"?')
    const bad = loadSigmaRules([{ path: 'c.yml', text: corr('event_cuont', ['r-get'], '  condition: {gte: 1}\n').replace('1m', '1 minute') }])
    expect(bad.problems.map((p) => p.message).join('\n')).toMatch(/did you mean "event_count"[\s\S]*90s, 10m/)
    const noCond = loadSigmaRules([{ path: 'c.yml', text: corr('value_count', ['r-get'], '  condition: {gte: 1}\n') }])
    expect(noCond.problems[0].message).toContain('"field" for value_count')
  })
})

describe('correlation state', () => {
  it('stays bounded by maxGroups with a million distinct identities', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 2\n'), { maxGroups: 1000 }).correlations
    const e = ev('')
    const user = e.user as { username: string }
    let max = 0
    for (let i = 0; i < 1_000_000; i++) {
      user.username = `u${i}`
      c.observe('r-get', e, i)
      if ((i & 1023) === 0) max = Math.max(max, c.stateSize())
    }
    expect(Math.max(max, c.stateSize())).toBeLessThanOrEqual(1000)
  })

  it('expires groups once time moves past the timespan', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 5\n')).correlations
    for (let i = 0; i < 100; i++) c.observe('r-get', ev(`u${i}`), i)
    expect(c.stateSize()).toBe(100)
    c.observe('r-get', ev('late'), 10 * 60 * S)
    expect(c.stateSize()).toBe(1)
  })

  it('caps the events remembered per group', () => {
    const [c] = load(corr('event_count', ['secret_get'], '  condition:\n    gte: 100\n'), { maxEventsPerGroup: 10 }).correlations
    const hits = feed(c, Array.from({ length: 200 }, (_, i): [string, Record<string, unknown>, number] => ['r-get', ev('a'), i]))
    expect(hits).toEqual([])
  })
})
