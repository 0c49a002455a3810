import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseYaml, type ParsedYaml, type SigmaFile } from '../rules/sigma/index.js'
import { BUNDLED_RULES_DIR } from './paths.js'
import { readBundledRules } from './read-rule-files.js'

/** Where the build writes the bundled pack's parsed YAML: in `dist/`, not in the repo (the same path from `src/`, as tests run). */
export const PREBUILT_PACK_PATH = fileURLToPath(new URL('../../dist/content/bundled-rules.parsed.json', import.meta.url))

/** One bundled file's parse, keyed by its path under the pack and the hash of the text it came from. */
interface PrebuiltFile {
  sha256: string
  parsed: ParsedYaml
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * Parse the bundled pack and write the result for {@link readBundledPack}: every start of the
 * server or `detect` would otherwise parse 150 KB of YAML (a quarter of a second, before a detection
 * thread can begin).
 * @example writePrebuiltPack() // run by `npm run build`
 */
export function writePrebuiltPack(dir = BUNDLED_RULES_DIR, out = PREBUILT_PACK_PATH): number {
  const files: Record<string, PrebuiltFile> = {}
  for (const file of readBundledRules(dir)) files[relative(dir, file.path)] = { sha256: sha256(file.text), parsed: parseYaml(file.text) }
  writeFileSync(out, JSON.stringify({ files }))
  return Object.keys(files).length
}

function readPrebuilt(path: string): Record<string, PrebuiltFile> {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, PrebuiltFile> }).files
  } catch {
    // Not built yet (a source checkout before `npm run build`): every file is parsed.
    return {}
  }
}

/**
 * The bundled pack read and parsed. A file's prebuilt parse is used only when the text it was made
 * from hashes the same as the file now, so an edited or added rule is parsed afresh.
 * @example buildRuleSet({ bundled: readBundledPack() })
 */
export function readBundledPack(dir = BUNDLED_RULES_DIR, prebuiltPath = PREBUILT_PACK_PATH): SigmaFile[] {
  const prebuilt = readPrebuilt(prebuiltPath)
  return readBundledRules(dir).map((file) => {
    const name = relative(dir, file.path)
    const hit = Object.hasOwn(prebuilt, name) ? prebuilt[name] : undefined
    return { ...file, parsed: hit && hit.sha256 === sha256(file.text) ? hit.parsed : parseYaml(file.text) }
  })
}
