import { resolveField, type ExtractContext } from './fields.js'
import type { FieldValue } from './json-values.js'

type Part = string | ((ev: Record<string, unknown>) => string)

const PLACEHOLDER = /%([a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)*)(?:\[([^\]]*)\])?/g

/** Falco renders a missing value as <NA> and a list as (a,b). */
function render(v: FieldValue): string {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return '<NA>'
  return Array.isArray(v) ? `(${v.join(',')})` : v
}

/**
 * Compile an output template once (`user=%ka.user.name obj=%jevt.value[/x]`); unknown fields throw.
 * @example
 * compileOutput('verb=%ka.verb', {})({ auditID: '1', verb: 'get' }) // 'verb=get'
 */
export function compileOutput(template: string, ctx: ExtractContext): (ev: Record<string, unknown>) => string {
  const parts: Part[] = []
  let last = 0
  for (const m of template.trim().matchAll(PLACEHOLDER)) {
    parts.push(template.trim().slice(last, m.index))
    const res = resolveField(m[1], m[2])
    if ('error' in res) throw new Error(res.error === 'unknown' ? `unknown field "${m[1]}"${res.detail}` : res.detail)
    const { def, arg } = res
    parts.push((ev) => render(def.extract(ev, arg, ctx)))
    last = m.index + m[0].length
  }
  parts.push(template.trim().slice(last))
  return (ev) => parts.map((p) => (typeof p === 'string' ? p : p(ev))).join('')
}
