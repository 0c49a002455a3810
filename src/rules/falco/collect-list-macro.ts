import type { Problem } from '../../core/errors.js'
import type { Definitions } from './definitions.js'
import { falcoProblem } from './problem.js'
import type { RawItem } from './read-items.js'

/** `append: true` or `override: { key: append }`; undefined for a plain (re)definition. */
function mode(item: RawItem, key: string, label: string, problems: Problem[]): 'append' | 'replace' | 'define' | undefined {
  const { body } = item
  if (body.append === true) return 'append'
  if (body.override === undefined) return 'define'
  const o = body.override as Record<string, unknown> | null
  const m = o && typeof o === 'object' ? o[key] : undefined
  if (m === 'append' || m === 'replace') return m
  problems.push(falcoProblem('KUBESIEM_FALCO_BAD_OVERRIDE', { item: label, detail: `override must set "${key}" to append or replace` }, item.keyLocs.override ?? item.loc))
  return undefined
}

/**
 * Apply one `- list:` item (define, replace, append).
 * @example
 * collectList(defs, item, problems)
 */
export function collectList(defs: Definitions, item: RawItem, problems: Problem[]): void {
  const { body, loc } = item
  const name = body.list
  const label = `list "${String(name)}"`
  const items = body.items ?? []
  if (typeof name !== 'string' || !Array.isArray(items)) {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: label, detail: 'a list needs a name and items: [...]' }, loc))
    return
  }
  const values = items.map(String)
  const m = mode(item, 'items', label, problems)
  if (!m) return
  const prev = defs.lists.get(name)
  if (m !== 'define' && !prev) {
    problems.push(falcoProblem('KUBESIEM_FALCO_UNKNOWN_TARGET', { item: label, action: `${m} its items`, kind: 'list', name }, loc))
    return
  }
  if (prev && m === 'append') prev.items.push(...values)
  else defs.lists.set(name, { name, items: values, loc })
}

/**
 * Apply one `- macro:` item (define, replace, append to its condition).
 * @example
 * collectMacro(defs, item, problems)
 */
export function collectMacro(defs: Definitions, item: RawItem, problems: Problem[]): void {
  const { body, loc } = item
  const name = body.macro
  const label = `macro "${String(name)}"`
  if (typeof name !== 'string' || typeof body.condition !== 'string') {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: label, detail: 'a macro needs a name and a condition' }, loc))
    return
  }
  const m = mode(item, 'condition', label, problems)
  if (!m) return
  const prev = defs.macros.get(name)
  if (m !== 'define' && !prev) {
    problems.push(falcoProblem('KUBESIEM_FALCO_UNKNOWN_TARGET', { item: label, action: `${m} its condition`, kind: 'macro', name }, loc))
    return
  }
  const condLoc = item.keyLocs.condition ?? loc
  // Falco appends by plain text concatenation, so an append usually starts with `and`/`or`.
  if (prev && m === 'append') prev.condition = `${prev.condition} ${body.condition}`
  else defs.macros.set(name, { name, condition: body.condition, loc, condLoc })
}
