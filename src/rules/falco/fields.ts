import type { FieldArg, FieldDef } from './field-def.js'
import { JSON_FIELDS } from './json-fields.js'
import { KA_FIELDS } from './ka-fields.js'
import { closestName } from '../../core/index.js'

export type { ArgKind, ExtractContext, FieldArg, FieldDef } from './field-def.js'

/**
 * Every field a k8s_audit rule may use, by name: the field catalogue the loader checks against.
 * @example
 * FALCO_FIELDS.get('ka.user.name')?.list // false
 */
export const FALCO_FIELDS: ReadonlyMap<string, FieldDef> = new Map([...KA_FIELDS, ...JSON_FIELDS].map((f) => [f.name, f]))

/**
 * A field reference checked against the catalogue, or why it is invalid.
 * @example
 * const r: ResolvedField = resolveField('ka.verb', undefined)
 */
export type ResolvedField = { def: FieldDef; arg: FieldArg } | { error: 'unknown' | 'arg'; detail: string }

/**
 * Look a field up and validate its `[arg]` (Falco `is_valid_lhs_field`).
 * @example
 * resolveField('ka.req.pod.containers.image', '0') // { def, arg: { index: 0 } }
 */
export function resolveField(name: string, rawArg: string | undefined): ResolvedField {
  const def = FALCO_FIELDS.get(name)
  if (!def) return { error: 'unknown', detail: suggest(name) }
  if (def.arg === 'none') {
    return rawArg === undefined ? { def, arg: {} } : { error: 'arg', detail: `field "${name}" takes no argument` }
  }
  if (def.arg === 'key') {
    return rawArg ? { def, arg: { key: rawArg } } : { error: 'arg', detail: `field "${name}" requires an argument, e.g. ${name}[x]` }
  }
  if (rawArg === undefined) return { def, arg: {} }
  return /^\d+$/.test(rawArg) ? { def, arg: { index: Number(rawArg) } } : { error: 'arg', detail: `field "${name}" takes a numeric index, got "${rawArg}"` }
}

function suggest(name: string): string {
  const close = closestName(name, FALCO_FIELDS.keys())
  return close ? `; did you mean "${close}"?` : ''
}

