import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CST, Lexer } from 'yaml'
import { KubesiemError } from '../core/index.js'
import type { SigmaFile } from '../rules/sigma/index.js'

/** Rule files found under the given paths, told apart by their content. */
export interface RuleFiles {
  sigma: SigmaFile[]
  falco: SigmaFile[]
}

const RULE_FILE = /\.ya?ml$/i

function listFiles(path: string): string[] {
  let info
  try {
    info = statSync(path)
  } catch (error) {
    throw new KubesiemError('KUBESIEM_INGEST_FILE_UNREADABLE', { where: path, detail: (error as Error).message })
  }
  if (!info.isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name)
      return statSync(child).isDirectory() ? listFiles(child) : RULE_FILE.test(name) ? [child] : []
    })
}

// A Falco rules file is a YAML sequence of `- rule:`/`- macro:`/`- list:` items; a Sigma file is a
// mapping (or several) with `detection`, `correlation` or `filter`. Only the tokens up to the first
// document's first node are read (building even one document's tree cost 50 ms for Falco's file):
// the loaders parse the file properly, and report its errors, after this.
const BEFORE_CONTENT = new Set(['byte-order-mark', 'comment', 'newline', 'space', 'doc-mode', 'doc-start', 'directive-line', 'tag', 'anchor'])

function isFalco(text: string): boolean {
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token)
    if (type !== null && BEFORE_CONTENT.has(type)) continue
    return type === 'seq-item-ind' || type === 'flow-seq-start'
  }
  return false
}

/**
 * Read rule files and folders (recursively, `.yml`/`.yaml`), keeping the given order: Falco files
 * load in order, later ones overriding earlier.
 * @example readRuleFiles(['rules/', 'falco_rules.yaml'])
 */
export function readRuleFiles(paths: string[]): RuleFiles {
  const out: RuleFiles = { sigma: [], falco: [] }
  for (const path of paths.flatMap(listFiles)) {
    const text = readFileSync(path, 'utf8')
    let falco = false
    try {
      falco = isFalco(text)
    } catch {
      // Unparseable YAML goes to the Sigma loader, which reports it with file:line:col.
    }
    ;(falco ? out.falco : out.sigma).push({ path, text })
  }
  return out
}

/** The bundled pack as files for `buildRuleSet({ bundled })`: all Sigma, written by us. */
export function readBundledRules(dir: string): SigmaFile[] {
  return listFiles(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
}
