import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../core/index.js'
import { loadSigmaRules } from './load.js'

const rule = (id: string, detection: string, extra = ''): string =>
  `title: Rule ${id}\nid: ${id}\n${extra}logsource:\n  product: kubernetes\n  service: audit\ndetection:\n${detection}\n`

describe('loadSigmaRules: problems', () => {
  it('locates an unknown modifier at file:line:col and still loads the other rules', () => {
    const text = [rule('good', '  selection:\n    verb: get\n  condition: selection'), rule('bad', '  selection:\n    verb|contans: get\n  condition: selection')].join('---\n')
    const { rules, problems } = loadSigmaRules([{ path: 'rules.yml', text }])
    expect(rules.map((r) => r.ref.id)).toEqual(['good'])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ code: 'KUBESIEM_SIGMA_UNKNOWN_MODIFIER', severity: 'error', file: 'rules.yml', line: 18, col: 5, ruleId: 'bad' })
    expect(formatProblem(problems[0])).toBe('rules.yml:18:5: error KUBESIEM_SIGMA_UNKNOWN_MODIFIER: unknown modifier "contans" in rule bad, line 18:5; did you mean "contains"?')
  })

  it('reports undefined identifiers with a suggestion, at their column in the condition', () => {
    const { rules, problems } = loadSigmaRules([{ path: 'a.yml', text: rule('r', '  selection:\n    verb: get\n  filter:\n    verb: list\n  condition: selection and not fliter') }])
    expect(rules).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ code: 'KUBESIEM_SIGMA_UNDEFINED_SELECTION', line: 11, col: 32 })
    expect(problems[0].message).toBe('condition of rule r, line 11:32 names "fliter", which the detection does not define; did you mean "filter"?')
  })

  it('reports bad condition syntax and aggregations', () => {
    const bad = loadSigmaRules([{ path: 'a.yml', text: rule('r', '  selection:\n    verb: get\n  condition: selection and (selection') }])
    expect(bad.problems[0]).toMatchObject({ code: 'KUBESIEM_SIGMA_BAD_CONDITION', line: 9, col: 38 })
    const agg = loadSigmaRules([{ path: 'a.yml', text: rule('r', '  selection:\n    verb: get\n  condition: selection | count() > 5') }])
    expect(agg.problems[0].message).toContain('correlation rule')
  })

  it('warns about patterns that match no identifier', () => {
    const { rules, problems } = loadSigmaRules([{ path: 'a.yml', text: rule('r', '  selection:\n    verb: get\n  condition: selection and not 1 of filter_*') }])
    expect(rules).toHaveLength(1)
    expect(problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_EMPTY_PATTERN', severity: 'warning' }])
    expect(rules[0].match({ verb: 'get' })).toBe(true)
  })

  it('keeps YAML errors to their document', () => {
    const text = `${rule('a', '  selection:\n    verb: get\n  condition: selection')}---\nid: broken-1\ntitle: [unclosed\n---\n${rule('b', '  selection:\n    verb: list\n  condition: selection')}`
    const { rules, problems } = loadSigmaRules([{ path: 'y.yml', text }])
    expect(rules.map((r) => r.ref.id)).toEqual(['a', 'b'])
    expect(problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_YAML', file: 'y.yml', line: 13, ruleId: 'broken-1' }])
  })

  it('reports missing fields, documents that are no rule, and duplicate ids', () => {
    const noCond = loadSigmaRules([{ path: 'a.yml', text: rule('r', '  selection:\n    verb: get') }])
    expect(noCond.problems[0].code).toBe('KUBESIEM_SIGMA_MISSING_FIELD')
    const noTitle = loadSigmaRules([{ path: 'a.yml', text: 'id: x\nlogsource: {product: k}\ndetection: {s: {a: 1}, condition: s}\n' }])
    expect(noTitle.problems[0].message).toContain('"title"')
    expect(loadSigmaRules([{ path: 'a.yml', text: 'foo: bar\n' }]).problems[0].code).toBe('KUBESIEM_SIGMA_NOT_A_RULE')
    const one = rule('same', '  s:\n    verb: get\n  condition: s')
    const dup = loadSigmaRules([{ path: 'a.yml', text: one }, { path: 'b.yml', text: one }])
    expect(dup.rules).toHaveLength(1)
    expect(dup.problems[0]).toMatchObject({ code: 'KUBESIEM_SIGMA_DUPLICATE_ID', file: 'b.yml' })
    expect(dup.problems[0].message).toContain('a.yml:1:1')
  })
})

describe('loadSigmaRules: conditions', () => {
  const det = `  sel_a:\n    a: 1\n  sel_b:\n    b: 1\n  _private:\n    c: 1\n  filter:\n    d: 1\n`
  const m = (condition: string, event: Record<string, unknown>): boolean => {
    const { rules, problems } = loadSigmaRules([{ path: 'c.yml', text: rule('c', `${det}  condition: ${condition}`) }])
    expect(problems).toEqual([])
    return rules[0].match(event)
  }
  it('applies not > and > or', () => {
    expect(m('sel_a or sel_b and filter', { a: 1 })).toBe(true)
    expect(m('(sel_a or sel_b) and filter', { a: 1 })).toBe(false)
    expect(m('not sel_a and sel_b', { b: 1 })).toBe(true)
    expect(m('not (sel_a and sel_b)', { a: 1, b: 1 })).toBe(false)
  })
  it('supports 1 of / all of patterns and them (without _ identifiers)', () => {
    expect(m('1 of sel_*', { b: 1 })).toBe(true)
    expect(m('all of sel_*', { b: 1 })).toBe(false)
    expect(m('all of sel_*', { a: 1, b: 1 })).toBe(true)
    expect(m('1 of them', { c: 1 })).toBe(false)
    expect(m('all of them', { a: 1, b: 1, d: 1 })).toBe(true)
    expect(m('sel_a and not 1 of filter*', { a: 1, d: 1 })).toBe(false)
  })
  it('ORs a list of conditions', () => {
    const { rules } = loadSigmaRules([{ path: 'c.yml', text: rule('c', `${det}  condition:\n    - sel_a\n    - sel_b`) }])
    expect(rules[0].match({ b: 1 })).toBe(true)
  })
})

describe('loadSigmaRules: compiled rule', () => {
  const text = rule(
    '0b6f',
    '  selection:\n    verb: [Create, update]\n    objectRef.resource: pods\n  agents:\n    requestObject.spec.containers.image|startswith: registry.k8s.io/\n  condition: selection and not agents',
    'author: Jane Doe\nstatus: stable\nlevel: informational\ntags:\n  - attack.t1611.001\n  - attack.privilege-escalation\n  - attack.T1609\nname: pod_rule\n',
  )
  const [r] = loadSigmaRules([{ path: 'p.yml', text }], { license: 'DRL-1.1' }).rules

  it('carries metadata, severity, ATT&CK ids and licence', () => {
    expect(r.ref).toEqual({ id: '0b6f', title: 'Rule 0b6f', source: 'sigma', author: 'Jane Doe', license: 'DRL-1.1' })
    expect(r.severity).toBe('info')
    expect(r.mitre).toEqual(['T1611.001', 'T1609'])
    expect(r.status).toBe('stable')
    expect(r.enabled).toBe(true)
    expect(r.logsource).toEqual({ product: 'kubernetes', service: 'audit' })
  })

  it('derives index keys from equality on every path', () => {
    expect(r.index).toEqual({ verb: ['create', 'update'], resource: ['pods'] })
    const idx = (cond: string, det: string): unknown => loadSigmaRules([{ path: 'i.yml', text: rule('i', `${det}  condition: ${cond}`) }]).rules[0].index
    const d = '  a:\n    verb: get\n  b:\n    verb: list\n    objectRef.resource: secrets\n  c:\n    user.username: bob\n  w:\n    verb|startswith: g\n'
    expect(idx('a or b', d)).toEqual({ verb: ['get', 'list'] })
    expect(idx('a or c', d)).toEqual({})
    expect(idx('c and b', d)).toEqual({ verb: ['list'], resource: ['secrets'] })
    expect(idx('not a', d)).toEqual({})
    expect(idx('w', d)).toEqual({})
    expect(idx('1 of them', d)).toEqual({})
  })

  it('summarizes an audit event in one line', () => {
    const ev = { verb: 'create', user: { username: 'alice' }, objectRef: { resource: 'pods', subresource: 'exec', namespace: 'default', name: 'web' } }
    expect(r.summarize(ev)).toBe('Rule 0b6f: alice create pods/exec default/web')
    expect(r.summarize({})).toBe('Rule 0b6f')
  })

  it('matches through nested fields and exclusions', () => {
    const pod = (image: string) => ({ verb: 'create', objectRef: { resource: 'pods' }, requestObject: { spec: { containers: [{ image }] } } })
    expect(r.match(pod('nginx'))).toBe(true)
    expect(r.match(pod('registry.k8s.io/kube-proxy'))).toBe(false)
  })
})

describe('loadSigmaRules: collections and filters', () => {
  it('merges action: global into the following documents', () => {
    const text = `action: global\ntitle: Shared\nlogsource:\n  product: kubernetes\ndetection:\n  condition: selection\n---\nid: one\ndetection:\n  selection:\n    verb: get\n---\nid: two\ndetection:\n  selection:\n    verb: list\n`
    const { rules, problems } = loadSigmaRules([{ path: 'c.yml', text }])
    expect(problems).toEqual([])
    expect(rules.map((r) => [r.ref.id, r.ref.title, r.match({ verb: 'list' })])).toEqual([
      ['one', 'Shared', false],
      ['two', 'Shared', true],
    ])
  })

  it('a filter stops the referenced rules (by id or name) from matching', () => {
    const base = rule('exec', '  selection:\n    verb: create\n  condition: selection', 'name: exec_rule\n')
    const other = rule('other', '  selection:\n    verb: create\n  condition: selection')
    const filter = `title: Ignore CI\nlogsource:\n  product: kubernetes\nfilter:\n  rules:\n    - exec_rule\n    - missing-rule\n  selection:\n    user.username|startswith: 'system:serviceaccount:ci:'\n  condition: selection\n`
    const { rules, problems } = loadSigmaRules([{ path: 'r.yml', text: `${base}---\n${other}` }], { filters: [{ path: 'f.yml', text: filter }] })
    const ci = { verb: 'create', user: { username: 'system:serviceaccount:ci:builder' } }
    expect(rules.map((r) => r.match(ci))).toEqual([false, true])
    expect(rules[0].match({ verb: 'create', user: { username: 'alice' } })).toBe(true)
    expect(problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_UNKNOWN_RULE_REF', severity: 'warning', file: 'f.yml', line: 7 }])
  })

  it('a filter of another logsource does not apply', () => {
    const base = rule('exec', '  selection:\n    verb: create\n  condition: selection')
    const filter = `title: F\nlogsource:\n  product: windows\nfilter:\n  rules: [exec]\n  selection:\n    verb: create\n  condition: selection\n`
    const { rules, problems } = loadSigmaRules([{ path: 'r.yml', text: `${base}---\n${filter}` }])
    expect(rules[0].match({ verb: 'create' })).toBe(true)
    expect(problems[0].code).toBe('KUBESIEM_SIGMA_FILTER_LOGSOURCE')
  })
})

describe('loadSigmaRules: scale', () => {
  it('loads a 10 MB rules file in reasonable time', () => {
    const docs: string[] = []
    let size = 0
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const d = rule(`id-${i}`, `  selection:\n    verb: [create, update]\n    objectRef.resource: pods\n    requestURI|contains:\n      - '/bin/sh-${i}'\n      - '/bin/bash-${i}'\n  filter:\n    user.username|startswith: 'system:'\n  condition: selection and not filter`, `description: ${'x'.repeat(200)}\n`)
      docs.push(d)
      size += d.length + 4
    }
    const start = performance.now()
    const { rules, problems } = loadSigmaRules([{ path: 'big.yml', text: docs.join('---\n') }])
    const ms = performance.now() - start
    expect(problems).toEqual([])
    expect(rules).toHaveLength(docs.length)
    // Generous: it guards against quadratic loading, not against a busy shared machine.
    expect(ms).toBeLessThan(45_000)
  })
})
