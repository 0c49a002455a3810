import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'

let lib: typeof Yaml | undefined

/**
 * The yaml package, loaded on first use. Detection workers compile rules from data the main
 * thread parsed and never parse YAML themselves: loading the package cost each ~60 ms of start-up.
 * @example const { parseAllDocuments } = yamlLib()
 */
export function yamlLib(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml)
}
