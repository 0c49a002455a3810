import { describe, expect, it } from 'vitest'
import { loadFalcoRules } from './load-rules.js'

const BASE = `- list: admins
  items: [alice, nested_admins]
- list: nested_admins
  items: [root]
- macro: kevt
  condition: ka.stage=ResponseComplete
- macro: kcreate
  condition: ka.verb=create
- rule: Admin Create
  desc: an admin created something
  condition: kevt and kcreate and ka.user.name in (admins)
  output: created by %ka.user.name (ns=%ka.target.namespace)
  priority: WARNING
  source: k8s_audit
  tags: [k8s, T1609, maturity_stable]
`

const ev = (user: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'Event', auditID: 'x', stage: 'ResponseComplete', verb: 'create', user: { username: user }, objectRef: { resource: 'pods' }, ...extra,
})

function load(...texts: string[]) {
  return loadFalcoRules(texts.map((text, i) => ({ path: `f${i}.yaml`, text })))
}

describe('loadFalcoRules', () => {
  it('compiles a rule with its metadata, nested lists and rendered output', () => {
    const { rules, problems } = load(BASE)
    expect(problems).toEqual([])
    const [rule] = rules
    expect(rule.ref).toEqual({ id: 'falco:admin-create', title: 'Admin Create', source: 'falco' })
    expect(rule).toMatchObject({ severity: 'medium', mitre: ['T1609'], status: 'stable', enabled: true, logsource: { product: 'kubernetes', service: 'audit' }, index: { verb: ['create'] } })
    expect(rule.match(ev('root'))).toBe(true)
    expect(rule.match(ev('bob'))).toBe(false)
    expect(rule.summarize(ev('alice'))).toBe('created by alice (ns=<NA>)')
  })

  it('appends to lists and macros, and replaces redefined macros', () => {
    const more = `- list: admins
  items: [bob]
  append: true
- macro: kcreate
  condition: or ka.verb=delete
  append: true
`
    const { rules } = load(BASE, more)
    expect(rules[0].match(ev('bob', { verb: 'delete' }))).toBe(true)
    const replaced = load(BASE, '- macro: kcreate\n  condition: ka.verb=patch\n').rules[0]
    expect(replaced.match(ev('alice'))).toBe(false)
    expect(replaced.match(ev('alice', { verb: 'patch' }))).toBe(true)
  })

  it('supports override: append/replace on lists, macros and rules', () => {
    const more = `- list: admins
  items: [carol]
  override:
    items: replace
- rule: Admin Create
  condition: and ka.target.resource=pods
  priority: ERROR
  enabled: false
  override:
    condition: append
    priority: replace
    enabled: replace
`
    const { rules, problems } = load(BASE, more)
    expect(problems).toEqual([])
    expect(rules[0]).toMatchObject({ severity: 'high', enabled: false, index: { verb: ['create'], resource: ['pods'] } })
    expect(rules[0].match(ev('carol'))).toBe(true)
    expect(rules[0].match(ev('alice'))).toBe(false)
  })

  it('supports override on macro conditions', () => {
    const append = load(BASE, '- macro: kcreate\n  condition: or ka.verb=patch\n  override:\n    condition: append\n').rules[0]
    expect(append.match(ev('alice', { verb: 'patch' }))).toBe(true)
    expect(append.match(ev('alice'))).toBe(true)
    const replace = load(BASE, '- macro: kcreate\n  condition: ka.verb=patch\n  override:\n    condition: replace\n').rules[0]
    expect(replace.match(ev('alice'))).toBe(false)
    expect(load(BASE, '- macro: kcreate\n  condition: x\n  override:\n    condition: merge\n').problems).toMatchObject([{ code: 'KUBESIEM_FALCO_BAD_OVERRIDE' }])
  })

  it('disables a rule with a bare `enabled: false` item and appends conditions with `append: true`', () => {
    const { rules } = load(BASE, '- rule: Admin Create\n  enabled: false\n- rule: Admin Create\n  condition: and ka.target.namespace=prod\n  append: true\n')
    expect(rules[0].enabled).toBe(false)
    expect(rules[0].match(ev('alice'))).toBe(false)
    expect(rules[0].match(ev('alice', { objectRef: { resource: 'pods', namespace: 'prod' } }))).toBe(true)
  })

  it('turns exceptions into `and not (...)`, and appends exception values', () => {
    const exc = `- rule: Admin Create
  exceptions:
    - name: trusted
      fields: [ka.user.name, ka.target.namespace]
      comps: [=, in]
      values:
        - [alice, [kube-system, default]]
  override:
    exceptions: append
- rule: Admin Create
  exceptions:
    - name: trusted
      values:
        - [root, dev]
  append: true
`
    const { rules, problems } = load(BASE, exc)
    expect(problems).toEqual([])
    const ns = (user: string, namespace: string) => ev(user, { objectRef: { resource: 'pods', namespace } })
    expect(rules[0].match(ns('alice', 'default'))).toBe(false)
    expect(rules[0].match(ns('alice', 'prod'))).toBe(true)
    expect(rules[0].match(ns('root', 'dev'))).toBe(false)
    expect(rules[0].match(ns('root', 'prod'))).toBe(true)
  })

  it('reports each broken rule at file:line:col and still loads the others', () => {
    const bad = `- rule: Unknown Field
  desc: x
  condition: ka.user.nam = bob
  output: x
  priority: WARNING
  source: k8s_audit
- rule: Bad Syntax
  desc: x
  condition: (ka.verb = get
  output: x
  priority: WARNING
  source: k8s_audit
- rule: Bad Priority
  desc: x
  condition: ka.verb = get
  output: x
  priority: LOUD
  source: k8s_audit
- rule: Undefined Macro
  desc: x
  condition: no_such_macro
  output: x
  priority: INFO
  source: k8s_audit
- rule: Bad Output
  desc: x
  condition: ka.verb = get
  output: "%ka.nope"
  priority: INFO
  source: k8s_audit
- rule: Good
  desc: x
  condition: ka.verb = get
  output: ok
  priority: INFO
  source: k8s_audit
`
    const { rules, problems } = load(bad)
    expect(rules.map((r) => r.ref.title)).toEqual(['Good'])
    expect(problems.map((p) => [p.code, p.ruleId, p.line, p.col])).toEqual([
      ['KUBESIEM_FALCO_UNKNOWN_FIELD', 'Unknown Field', 3, 14],
      ['KUBESIEM_FALCO_CONDITION_SYNTAX', 'Bad Syntax', 9, 14],
      ['KUBESIEM_FALCO_BAD_PRIORITY', 'Bad Priority', 17, 13],
      ['KUBESIEM_FALCO_UNDEFINED_MACRO', 'Undefined Macro', 21, 14],
      ['KUBESIEM_FALCO_BAD_OUTPUT', 'Bad Output', 28, 11],
    ])
    expect(problems.every((p) => p.file === 'f0.yaml' && p.severity === 'error')).toBe(true)
    expect(problems[0].message).toContain('did you mean "ka.user.name"?')
  })

  it('detects cyclic macros', () => {
    const { rules, problems } = load(`- macro: a
  condition: b and ka.verb=get
- macro: b
  condition: not a
- rule: R
  condition: a
  output: x
  priority: INFO
  source: k8s_audit
`)
    expect(rules).toEqual([])
    expect(problems).toMatchObject([{ code: 'KUBESIEM_FALCO_CYCLIC_MACRO', ruleId: 'R', line: 6, col: 14 }])
    expect(problems[0].message).toContain('a -> b -> a')
  })

  it('skips rules of other sources with a warning, and errors on appends to unknown items', () => {
    const { rules, problems } = load(`- rule: Shell
  condition: proc.name = bash
  output: x
  priority: INFO
- rule: Nope
  condition: and x
  append: true
- list: missing
  items: [a]
  override:
    items: append
`)
    expect(rules).toEqual([])
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['KUBESIEM_FALCO_WRONG_SOURCE', 'warning', 1],
      ['KUBESIEM_FALCO_UNKNOWN_TARGET', 'error', 5],
      ['KUBESIEM_FALCO_UNKNOWN_TARGET', 'error', 8],
    ])
  })

  it('rejects an override that leaves keys out, and YAML that is not a rules file', () => {
    const { problems } = load(BASE, '- rule: Admin Create\n  priority: ERROR\n  output: y\n  override:\n    priority: replace\n')
    expect(problems).toMatchObject([{ code: 'KUBESIEM_FALCO_BAD_OVERRIDE', line: 3 }])
    expect(load('a: [').problems[0]).toMatchObject({ code: 'KUBESIEM_FALCO_YAML_SYNTAX', line: 1 })
    expect(load('rule: x').problems[0]).toMatchObject({ code: 'KUBESIEM_FALCO_YAML_SYNTAX' })
  })

  it('checks required engine and plugin versions', () => {
    expect(load('- required_engine_version: 15\n').problems).toEqual([])
    expect(load('- required_engine_version: 0.31.0\n').problems).toEqual([])
    const tooNew = load('- required_engine_version: 9.0.0\n' + BASE)
    expect(tooNew.problems).toMatchObject([{ code: 'KUBESIEM_FALCO_ENGINE_VERSION', line: 1, col: 3 }])
    expect(tooNew.rules).toEqual([])
    const plugins = load('- required_plugin_versions:\n    - name: k8saudit-gke\n      version: 0.9.0\n    - name: cloudtrail\n      version: 0.1.0\n')
    expect(plugins.problems).toMatchObject([{ code: 'KUBESIEM_FALCO_PLUGIN_VERSION', severity: 'warning' }])
  })

  it('skips a rule with an unknown field silently when skip-if-unknown-filter is set', () => {
    const { rules, problems } = load('- rule: R\n  condition: ka.nope = 1\n  output: x\n  priority: INFO\n  source: k8s_audit\n  skip-if-unknown-filter: true\n')
    expect(rules).toEqual([])
    expect(problems).toEqual([])
  })
})

describe('loadFalcoRules: YAML details', () => {
  it('resolves anchors and aliases across items', () => {
    const { rules, problems } = load('- list: a\n  items: &names [x, y]\n- rule: R\n  condition: ka.user.name in (a)\n  output: o\n  priority: INFO\n  source: k8s_audit\n  tags: *names\n')
    expect(problems).toEqual([])
    expect(rules[0].tags).toEqual(['x', 'y'])
  })

  it('refuses a whole file that needs a newer engine, wherever the requirement sits', () => {
    const { rules, problems } = load(BASE + '- required_engine_version: 99\n')
    expect(rules).toEqual([])
    expect(problems).toMatchObject([{ code: 'KUBESIEM_FALCO_ENGINE_VERSION', line: 16 }])
  })
})
