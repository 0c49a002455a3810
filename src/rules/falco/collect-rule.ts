import type { Problem } from '../../core/errors.js'
import type { Definitions, RuleDef } from './definitions.js'
import type { FalcoException } from './exceptions.js'
import { falcoProblem } from './problem.js'
import type { RawItem } from './read-items.js'

const APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions'])
const REPLACEABLE = new Set(['condition', 'output', 'desc', 'priority', 'tags', 'exceptions', 'enabled', 'source', 'skip-if-unknown-filter', 'warn_evttypes', 'capture', 'capture_duration'])

const asTags = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])
const asExceptions = (v: unknown): FalcoException[] => (Array.isArray(v) ? (v as FalcoException[]).map((e) => ({ ...e })) : [])

function mergeExceptions(prev: FalcoException[], next: FalcoException[]): FalcoException[] {
  const out = prev.map((e) => ({ ...e }))
  for (const e of next) {
    const same = out.find((p) => p.name === e.name)
    // Appending to a named exception adds values; its fields and comps stay as first defined.
    if (same) same.values = [...(Array.isArray(same.values) ? same.values : []), ...(Array.isArray(e.values) ? e.values : [])]
    else out.push(e)
  }
  return out
}

function appendKey(rule: RuleDef, key: string, value: unknown): void {
  if (key === 'condition') rule.condition = `${rule.condition} ${String(value)}`
  else if (key === 'output') rule.output = `${rule.output} ${String(value)}`
  else if (key === 'desc') rule.desc = `${rule.desc} ${String(value)}`
  else if (key === 'tags') rule.tags = [...new Set([...rule.tags, ...asTags(value)])]
  else if (key === 'exceptions') rule.exceptions = mergeExceptions(rule.exceptions, asExceptions(value))
}

function replaceKey(rule: RuleDef, key: string, value: unknown): void {
  if (key === 'condition' || key === 'output' || key === 'desc') rule[key] = String(value)
  else if (key === 'priority') rule.priority = value
  else if (key === 'tags') rule.tags = asTags(value)
  else if (key === 'exceptions') rule.exceptions = asExceptions(value)
  else if (key === 'enabled') rule.enabled = value !== false
  else if (key === 'source') rule.source = String(value)
  else if (key === 'skip-if-unknown-filter') rule.skipIfUnknownFilter = value === true
}

function overrideRule(rule: RuleDef, item: RawItem, label: string, problems: Problem[]): void {
  const { body, loc } = item
  const override = body.override
  if (override === null || typeof override !== 'object' || Array.isArray(override)) {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_OVERRIDE', { item: label, detail: 'override must map keys to append or replace' }, loc, rule.name))
    return
  }
  const modes = override as Record<string, unknown>
  for (const key of Object.keys(body)) {
    if (key !== 'rule' && key !== 'override' && !(key in modes)) {
      problems.push(falcoProblem('KUBESIEM_FALCO_BAD_OVERRIDE', { item: label, detail: `key "${key}" is not listed in override` }, item.keyLocs[key] ?? loc, rule.name))
      return
    }
  }
  for (const [key, mode] of Object.entries(modes)) {
    const allowed = mode === 'append' ? APPENDABLE : mode === 'replace' ? REPLACEABLE : undefined
    if (!allowed || !allowed.has(key) || !(key in body)) {
      const why = !(key in body) ? `override lists "${key}" but the item has no such key` : `"${key}" cannot be overridden with "${String(mode)}"`
      problems.push(falcoProblem('KUBESIEM_FALCO_BAD_OVERRIDE', { item: label, detail: why }, item.keyLocs.override ?? loc, rule.name))
      continue
    }
    if (mode === 'append') appendKey(rule, key, body[key])
    else replaceKey(rule, key, body[key])
    if (item.keyLocs[key]) rule.keyLocs[key] = item.keyLocs[key]
  }
}

function defineRule(name: string, item: RawItem, label: string, problems: Problem[]): RuleDef | undefined {
  const { body, loc } = item
  const missing = ['condition', 'output', 'priority'].filter((k) => body[k] === undefined || body[k] === null)
  if (missing.length > 0) {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: label, detail: `missing required key(s): ${missing.join(', ')}` }, loc, name))
    return undefined
  }
  return {
    name,
    desc: String(body.desc ?? ''),
    condition: String(body.condition),
    output: String(body.output),
    priority: body.priority,
    // Falco's default source is syscall: a rule without `source:` is not a k8s_audit rule.
    source: typeof body.source === 'string' ? body.source : 'syscall',
    tags: asTags(body.tags),
    enabled: body.enabled !== false,
    exceptions: asExceptions(body.exceptions),
    skipIfUnknownFilter: body['skip-if-unknown-filter'] === true,
    loc,
    keyLocs: { ...item.keyLocs },
  }
}

/**
 * Apply one `- rule:` item: define or replace, `append: true`, `override:`, or `enabled:` only.
 * @example
 * collectRule(defs, item, problems)
 */
export function collectRule(defs: Definitions, item: RawItem, problems: Problem[]): void {
  const { body, loc } = item
  if (typeof body.rule !== 'string' || body.rule === '') {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_ITEM', { item: 'rule', detail: 'rule name must be a non-empty string' }, loc))
    return
  }
  const name = body.rule
  const label = `rule "${name}"`
  const prev = defs.rules.get(name)
  const action = body.append === true ? 'append to it' : body.override !== undefined ? 'override it' : body.condition === undefined && 'enabled' in body ? 'enable or disable it' : undefined
  if (action && !prev) {
    problems.push(falcoProblem('KUBESIEM_FALCO_UNKNOWN_TARGET', { item: label, action, kind: 'rule', name }, loc, name))
    return
  }
  if (prev && body.append === true) {
    for (const key of Object.keys(body).filter((k) => APPENDABLE.has(k))) {
      appendKey(prev, key, body[key])
      if (item.keyLocs[key]) prev.keyLocs[key] = item.keyLocs[key]
    }
  } else if (prev && body.override !== undefined) overrideRule(prev, item, label, problems)
  else if (prev && action) prev.enabled = body.enabled !== false
  else {
    const rule = defineRule(name, item, label, problems)
    if (!rule) return
    if (rule.source !== 'k8s_audit') problems.push(falcoProblem('KUBESIEM_FALCO_WRONG_SOURCE', { name, source: rule.source }, loc, name))
    defs.rules.set(name, rule)
  }
}
