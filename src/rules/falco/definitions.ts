import type { FalcoException } from './exceptions.js'
import type { Loc } from './read-items.js'

/**
 * A list after collection: items still raw, list references resolved at compile time.
 * @example
 * const list: ListDef = { name: 'allowed_namespaces', items: ['default'], loc }
 */
export interface ListDef {
  name: string
  items: string[]
  loc: Loc
}

/**
 * A macro after collection, its condition text with appends concatenated.
 * @example
 * const macro: MacroDef = { name: 'kevt', condition: 'ka.stage=ResponseComplete', loc, condLoc: loc }
 */
export interface MacroDef {
  name: string
  condition: string
  loc: Loc
  condLoc: Loc
}

/**
 * A rule after collection: overrides and appends applied, not yet compiled.
 * @example
 * defs.rules.get('Create Privileged Pod')?.condition
 */
export interface RuleDef {
  name: string
  desc: string
  condition: string
  output: string
  priority: unknown
  source: string
  tags: string[]
  enabled: boolean
  exceptions: FalcoException[]
  skipIfUnknownFilter: boolean
  loc: Loc
  /** Locations of the values that last set each key (condition, output, priority, exceptions). */
  keyLocs: Record<string, Loc>
}

/**
 * Everything the collector gathered from all files, in definition order.
 * @example
 * const defs: Definitions = { lists: new Map(), macros: new Map(), rules: new Map() }
 */
export interface Definitions {
  lists: Map<string, ListDef>
  macros: Map<string, MacroDef>
  rules: Map<string, RuleDef>
}
