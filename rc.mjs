import { readFileSync } from 'node:fs'
const D = '/work/main/dist'
const { loadRuleSet } = await import(`${D}/content/load-rule-set.js`)
const { compileFieldPath } = await import(`${D}/rules/sigma/field-path.js`)
const rs = loadRuleSet({ rules: [] })
const lines = readFileSync('/work/main/.bench/audit-200000.jsonl', 'utf8').split('\n', 20000).filter(Boolean)
const evs = lines.map((l) => JSON.parse(l))
const want = process.argv[2] ?? 'Anonymous Request Allowed Beyond'
const r = rs.rules.find((x) => x.ref.title.startsWith(want))
const paths = ['user.username', 'user.groups', 'stage', 'responseStatus.code', 'requestURI'].map((p) => [p, compileFieldPath(p)])
const time = (name, f) => { let best = Infinity; for (let k = 0; k < 7; k++) { const t = process.hrtime.bigint(); for (const e of evs) f(e); best = Math.min(best, Number(process.hrtime.bigint() - t) / evs.length) } console.log(best.toFixed(0).padStart(5), 'ns', name) }
time('match ' + r.ref.title, (e) => r.match(e))
for (const [p, read] of paths) { time('read ' + p, (e) => read(e)); time('read+lower ' + p, (e) => read(e).lower()) }
let n = 0; for (const e of evs) if (r.match(e)) n++; console.log('matches', n)
time('plain e.user.username', (e) => e.user?.username)
time('plain e.stage', (e) => e.stage)
time('noop', (e) => e)
const rp = compileFieldPath('user.username')
time('read user.username again', (e) => rp(e))
const hdk = (event) => { for (const key in event) if (key.includes('.')) return true; return false }
time('hasDottedKey', hdk)
time('Object.keys len', (e) => Object.keys(e).length)
const evs2 = evs.map((e) => { const o = {}; for (const k in e) o[k] = e[k]; return o })
let best = Infinity; for (let k = 0; k < 7; k++) { const t = process.hrtime.bigint(); for (const e of evs2) hdk(e); best = Math.min(best, Number(process.hrtime.bigint() - t) / evs.length) } console.log(best.toFixed(0), 'ns hasDottedKey on copied objects')
const { isDeepStrictEqual } = await import('node:util')
console.log('%HasFastProperties n/a; keys sample', Object.keys(evs[0]).length)
const hdk2 = (event) => { const keys = Object.keys(event); for (let i = 0; i < keys.length; i++) if (keys[i].includes('.')) return true; return false }
time('hasDottedKey via Object.keys', hdk2)
const hdk3 = (event) => { const keys = Object.keys(event); for (let i = 0; i < keys.length; i++) if (keys[i].indexOf('.') !== -1) return true; return false }
time('hasDottedKey via Object.keys indexOf', hdk3)
time('hasDottedKey again', hdk)
const { compileFieldPath: cfp2 } = await import(`${D}/rules/sigma/field-path.js?x`).catch(() => ({}))
