import type { FieldValue } from './json-values.js'

/**
 * Whether a field takes `[arg]`: never, an optional list index, or a required key.
 * @example
 * const kind: ArgKind = 'index' // ka.req.pod.containers.image[0]
 */
export type ArgKind = 'none' | 'index' | 'key'

/**
 * The parsed `[arg]` of a field reference.
 * @example
 * const arg: FieldArg = { key: '/requestObject/spec' } // jevt.value[/requestObject/spec]
 */
export interface FieldArg {
  index?: number
  key?: string
}

/**
 * What extraction may need beyond the event itself.
 * @example
 * loadFalcoRules(files, { clusterName: 'prod' }) // ka.cluster.name = prod
 */
export interface ExtractContext {
  /** Value of `ka.cluster.name`; the audit event does not carry it. */
  clusterName?: string
}

/**
 * One entry of the field catalogue (falco plugin `fields.go`): name, type and extractor.
 * @example
 * const verb: FieldDef = { name: 'ka.verb', list: false, arg: 'none', description: 'The action', extract: (ev) => String(ev.verb) }
 */
export interface FieldDef {
  name: string
  /** A list field extracts many values (README type `string (list)`). */
  list: boolean
  arg: ArgKind
  description: string
  extract(ev: Record<string, unknown>, arg: FieldArg, ctx: ExtractContext): FieldValue
}
