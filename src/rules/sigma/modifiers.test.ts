import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { loadSigmaRules } from './load.js'
import type { SigmaLoadOptions } from './options.js'

type Event = Record<string, unknown>

/** Compile a one-selection rule (`condition: selection`) and return its match function. */
function sel(selection: unknown, options: SigmaLoadOptions = {}): (e: Event) => boolean {
  const text = stringify({ title: 't', id: 'r1', logsource: { product: 'test' }, detection: { selection, condition: 'selection' } })
  const { rules, problems } = loadSigmaRules([{ path: 't.yml', text }], options)
  expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  return (e) => rules[0].match(e)
}

function problemsOf(selection: unknown): string[] {
  const text = stringify({ title: 't', id: 'r1', logsource: { product: 'test' }, detection: { selection, condition: 'selection' } })
  return loadSigmaRules([{ path: 't.yml', text }]).problems.map((p) => `${p.code}: ${p.message}`)
}

describe('string modifiers', () => {
  it('contains / startswith / endswith, case-insensitive', () => {
    expect(sel({ 'a|contains': 'MIMI' })({ a: 'xmimikatzx' })).toBe(true)
    expect(sel({ 'a|startswith': 'adm_' })({ a: 'ADM_bob' })).toBe(true)
    expect(sel({ 'a|startswith': 'adm_' })({ a: 'x_adm_' })).toBe(false)
    expect(sel({ 'a|endswith': '\\cmd.exe' })({ a: 'C:\\Windows\\CMD.EXE' })).toBe(true)
    expect(sel({ 'a|endswith': '\\cmd.exe' })({ a: 'C:\\Windows\\xcmd.exe' })).toBe(false)
  })
  it('lists OR and |all ANDs', () => {
    expect(sel({ 'a|contains': ['x', 'y'] })({ a: 'y' })).toBe(true)
    expect(sel({ 'a|contains|all': ['x', 'y'] })({ a: 'y' })).toBe(false)
    expect(sel({ 'a|contains|all': ['x', 'y'] })({ a: 'yx' })).toBe(true)
  })
  it('cased matches case-sensitively', () => {
    expect(sel({ 'a|cased': 'Foo' })({ a: 'foo' })).toBe(false)
    expect(sel({ 'a|contains|cased': 'Foo' })({ a: 'xFoo' })).toBe(true)
  })
  it('windash accepts every dash variant', () => {
    const m = sel({ 'a|contains|windash': ' -enc ' })
    for (const d of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(m({ a: `powershell ${d}enc abc` })).toBe(true)
    expect(m({ a: 'powershell +enc' })).toBe(false)
    expect(sel({ 'a|windash|contains': '/c' })({ a: 'cmd -c x' })).toBe(true)
  })
  it('neq is true when the field differs from every value', () => {
    const m = sel({ 'a|neq': ['x', 'y'] })
    expect(m({ a: 'z' })).toBe(true)
    expect(m({ a: 'X' })).toBe(false)
  })
  it('exists checks presence only', () => {
    expect(sel({ 'a|exists': true })({ a: null })).toBe(true)
    expect(sel({ 'a|exists': true })({ b: 1 })).toBe(false)
    expect(sel({ 'a|exists': false })({ b: 1 })).toBe(true)
  })
})

describe('regular expressions', () => {
  it('are case-sensitive unless |i, and support m and s', () => {
    expect(sel({ 'a|re': '^Foo\\d+$' })({ a: 'Foo12' })).toBe(true)
    expect(sel({ 'a|re': '^foo' })({ a: 'Foo' })).toBe(false)
    expect(sel({ 'a|re|i': '^foo' })({ a: 'Foo' })).toBe(true)
    expect(sel({ 'a|re': '^b' })({ a: 'a\nb' })).toBe(false)
    expect(sel({ 'a|re|m': '^b' })({ a: 'a\nb' })).toBe(true)
    expect(sel({ 'a|re': 'a.b' })({ a: 'a\nb' })).toBe(false)
    expect(sel({ 'a|re|s': 'a.b' })({ a: 'a\nb' })).toBe(true)
  })
  it('run on RE2, so a catastrophic pattern finishes fast', () => {
    const m = sel({ 'a|re': '(a+)+$' })
    const start = performance.now()
    expect(m({ a: `${'a'.repeat(50_000)}!` })).toBe(false)
    expect(performance.now() - start).toBeLessThan(500)
  })
  it('reject what RE2 cannot run, with the location', () => {
    const [p] = problemsOf({ 'a|re': '(?<=x)y' })
    expect(p).toMatch(/^KUBESIEM_SIGMA_BAD_REGEX: regular expression \/\(\?<=x\)y\/ in rule r1, line \d+:\d+ does not compile on RE2/)
  })
})

describe('encoding modifiers', () => {
  it('base64 encodes the value', () => {
    expect(sel({ 'a|base64': 'cmd' })({ a: 'Y21k' })).toBe(true)
    expect(sel({ 'a|base64|contains': 'http://xy' })({ a: 'zzaHR0cDovL3h5zz' })).toBe(true)
  })
  it('base64offset finds the value at any byte offset', () => {
    const m = sel({ 'a|base64offset|contains': 'http://' })
    for (const prefix of ['', 'x', 'xy', 'xyz']) expect(m({ a: Buffer.from(`${prefix}http://evil`).toString('base64') })).toBe(true)
    expect(m({ a: Buffer.from('nothing here').toString('base64') })).toBe(false)
  })
  it('utf16le / wide / utf16be / utf16 feed base64offset', () => {
    const ps = Buffer.from('xIEX foo', 'utf16le').toString('base64')
    expect(sel({ 'a|wide|base64offset|contains': 'IEX' })({ a: ps })).toBe(true)
    expect(sel({ 'a|utf16le|base64offset|contains': 'IEX' })({ a: ps })).toBe(true)
    const be = Buffer.from('xIEX', 'utf16le').swap16().toString('base64')
    expect(sel({ 'a|utf16be|base64offset|contains': 'IEX' })({ a: be })).toBe(true)
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('IEX', 'utf16le')]).toString('base64')
    expect(sel({ 'a|utf16|base64': 'IEX' })({ a: bom })).toBe(true)
  })
  it('windash before an encoding expands the permutations', () => {
    const m = sel({ 'a|windash|base64offset|contains': '-enc' })
    expect(m({ a: Buffer.from('x /enc').toString('base64') })).toBe(true)
  })
})

describe('numeric, time, cidr and field references', () => {
  it('lt / lte / gt / gte compare numbers and numeric strings', () => {
    expect(sel({ 'a|gt': 10 })({ a: 11 })).toBe(true)
    expect(sel({ 'a|gt': 10 })({ a: '11' })).toBe(true)
    expect(sel({ 'a|gte': 10 })({ a: 10 })).toBe(true)
    expect(sel({ 'a|lt': 10 })({ a: 10 })).toBe(false)
    expect(sel({ 'a|lte': 10 })({ a: 'x' })).toBe(false)
  })
  it('time modifiers extract a part of a date', () => {
    expect(sel({ 'ts|hour': 22 })({ ts: '2026-01-15T22:04:00Z' })).toBe(true)
    expect(sel({ 'ts|hour|gte': 20 })({ ts: '2026-01-15T08:04:00Z' })).toBe(false)
    expect(sel({ 'ts|month': 1, 'ts|year': 2026, 'ts|day': 15, 'ts|minute': 4 })({ ts: '2026-01-15T22:04:00Z' })).toBe(true)
    expect(sel({ 'ts|week': 3 })({ ts: '2026-01-15T22:04:00Z' })).toBe(true)
  })
  it('cidr matches IPv4 and IPv6 ranges', () => {
    const m = sel({ 'ip|cidr': ['10.0.0.0/8', 'fe80::/10', '192.168.1.7'] })
    expect(m({ ip: '10.200.3.4' })).toBe(true)
    expect(m({ ip: '11.0.0.1' })).toBe(false)
    expect(m({ ip: 'FE80::1%eth0' })).toBe(true)
    expect(m({ ip: '2001:db8::1' })).toBe(false)
    expect(m({ ip: '192.168.1.7' })).toBe(true)
    expect(m({ ip: '::ffff:10.1.1.1' })).toBe(true)
    expect(m({ ip: 'not an ip' })).toBe(false)
    expect(sel({ 'ip|cidr': '2001:db8::/32' })({ ip: '2001:db8:0:0:0:0:0:1' })).toBe(true)
  })
  it('fieldref compares two fields, with neq and startswith', () => {
    expect(sel({ 'a|fieldref': 'b' })({ a: 'X', b: 'x' })).toBe(true)
    expect(sel({ 'a|fieldref': 'b' })({ a: 'x', b: 'y' })).toBe(false)
    expect(sel({ 'a|fieldref|neq': 'b' })({ a: 'x', b: 'y' })).toBe(true)
    expect(sel({ 'a|fieldref|startswith': 'b' })({ a: 'xyz', b: 'x' })).toBe(true)
  })
  it('expand resolves placeholders; unknown ones match nothing', () => {
    const opts = { placeholders: { Admins: ['root', 'adm_*'] } }
    expect(sel({ 'user|expand': '%Admins%' }, opts)({ user: 'adm_bob' })).toBe(true)
    expect(sel({ 'user|expand': '%Admins%' }, opts)({ user: 'bob' })).toBe(false)
    const nobody = loadSigmaRules([{ path: 'p.yml', text: stringify({ title: 't', id: 'p', logsource: { product: 'x' }, detection: { s: { 'user|expand': '%Nobody%' }, condition: 's' } }) }], opts)
    expect(nobody.rules[0].match({ user: '%Nobody%' })).toBe(false)
    expect(nobody.problems).toMatchObject([{ code: 'KUBESIEM_SIGMA_BAD_VALUE', severity: 'warning', ruleId: 'p' }])
    expect(nobody.problems[0].message).toContain('%Nobody%')
    expect(sel({ 'user|expand': 'x\\%y%Admins%' }, opts)({ user: 'x%yroot' })).toBe(true)
    expect(sel({ user: '%Admins%' }, opts)({ user: '%admins%' })).toBe(true)
  })
})

describe('values', () => {
  it('compares numbers and booleans with their text', () => {
    expect(sel({ code: 403 })({ code: '403' })).toBe(true)
    expect(sel({ code: '403' })({ code: 403 })).toBe(true)
    expect(sel({ hostPID: true })({ hostPID: 'true' })).toBe(true)
    expect(sel({ hostPID: 'true' })({ hostPID: true })).toBe(true)
    expect(sel({ hostPID: true })({ hostPID: false })).toBe(false)
    expect(sel({ n: '1.0' })({ n: 1 })).toBe(true)
  })
  it('keeps the source text of plain YAML numbers', () => {
    const text = 'title: t\nid: r\nlogsource: {product: x}\ndetection:\n  selection:\n    Ticket: 0x17\n  condition: selection\n'
    const [rule] = loadSigmaRules([{ path: 't.yml', text }]).rules
    expect(rule.match({ Ticket: '0x17' })).toBe(true)
  })
  it('null matches a missing or null field; empty string only an empty value', () => {
    expect(sel({ a: null })({})).toBe(true)
    expect(sel({ a: null })({ a: null })).toBe(true)
    expect(sel({ a: null })({ a: '' })).toBe(false)
    expect(sel({ a: '' })({ a: '' })).toBe(true)
    expect(sel({ a: '' })({})).toBe(false)
  })
  it('keywords search every value of the event', () => {
    expect(sel(['evilservice', 'svchost.exe -n evil'])({ deep: { msg: 'started EvilService now' } })).toBe(true)
    expect(sel(['evilservice'])({ msg: 'benign' })).toBe(false)
    expect(sel({ '|all': ['OabVirtualDirectory', ' -ExternalUrl '] })({ m: 'Set-OabVirtualDirectory -ExternalUrl x' })).toBe(true)
    expect(sel({ '|all': ['OabVirtualDirectory', ' -ExternalUrl '] })({ m: 'Set-OabVirtualDirectory' })).toBe(false)
  })
  it('list of maps ORs, map ANDs', () => {
    const m = sel([{ a: 'x', b: 'y' }, { c: 'z' }])
    expect(m({ a: 'x', b: 'y' })).toBe(true)
    expect(m({ a: 'x' })).toBe(false)
    expect(m({ c: 'Z' })).toBe(true)
  })
  it('dotted fields reach nested objects and arrays', () => {
    const m = sel({ 'requestObject.spec.containers.image|startswith': 'evil/' })
    expect(m({ requestObject: { spec: { containers: [{ image: 'ok' }, { image: 'EVIL/x' }] } } })).toBe(true)
    expect(m({ requestObject: { spec: { containers: [{ image: 'ok' }] } } })).toBe(false)
  })
})

describe('modifier errors', () => {
  it('suggests the closest modifier', () => {
    const [p] = problemsOf({ 'a|contans': 'x' })
    expect(p).toMatch(/^KUBESIEM_SIGMA_UNKNOWN_MODIFIER: unknown modifier "contans" in rule r1, line \d+:\d+; did you mean "contains"\?$/)
  })
  it('rejects contradicting chains', () => {
    expect(problemsOf({ 'a|re|contains': 'x' })[0]).toMatch(/KUBESIEM_SIGMA_BAD_MODIFIER/)
    expect(problemsOf({ 'a|i': 'x' })[0]).toMatch(/regex flags must follow "re"/)
    expect(problemsOf({ 'a|cidr': '10.0.0.0/99' })[0]).toMatch(/KUBESIEM_SIGMA_BAD_VALUE/)
    expect(problemsOf({ 'a|gt': 'ten' })[0]).toMatch(/expected a number/)
    expect(problemsOf({ 'a|exists': 'maybe' })[0]).toMatch(/true or false/)
    expect(problemsOf({ 'a|base64': 'x*' })[0]).toMatch(/without wildcards/)
    expect(problemsOf({ a: { nested: 'map' } })[0]).toMatch(/KUBESIEM_SIGMA_BAD_VALUE.*got a map/)
  })
})
