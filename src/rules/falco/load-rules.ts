import type { Problem } from '../../core/errors.js'
import type { CompiledRule } from '../rule.js'
import { collectList, collectMacro } from './collect-list-macro.js'
import { collectRule } from './collect-rule.js'
import { compileRules } from './compile-rules.js'
import type { Definitions } from './definitions.js'
import { engineVersionOk, FALCO_ENGINE_VERSION, PROVIDED_PLUGINS } from './engine-version.js'
import { falcoProblem } from './problem.js'
import { readItems, type RawItem, type ReadItems } from './read-items.js'

/**
 * Options for loading Falco rules files.
 * @example
 * loadFalcoRules(files, { clusterName: 'prod' })
 */
export interface FalcoLoadOptions {
  /** The engine version to claim (default: the one implemented). */
  engineVersion?: string
  /** Value of `ka.cluster.name`, which audit events do not carry. */
  clusterName?: string
}

/**
 * The compiled rules and every problem met, each located at file:line:col.
 * @example
 * const { rules, problems }: FalcoLoadResult = loadFalcoRules(files)
 */
export interface FalcoLoadResult {
  rules: CompiledRule[]
  problems: Problem[]
}

function checkPlugins(item: RawItem, problems: Problem[]): void {
  const reqs = item.body.required_plugin_versions
  if (!Array.isArray(reqs)) return
  for (const r of reqs as Array<{ name?: unknown; alternatives?: Array<{ name?: unknown }> }>) {
    const names = [r?.name, ...(Array.isArray(r?.alternatives) ? r.alternatives.map((a) => a?.name) : [])]
    if (!names.some((n) => typeof n === 'string' && PROVIDED_PLUGINS.has(n))) {
      problems.push(falcoProblem('KUBESIEM_FALCO_PLUGIN_VERSION', { plugin: String(r?.name) }, item.loc))
    }
  }
}

/** A Falco rules file, with its items when another thread already read them (see readItems). */
export interface FalcoFile {
  path: string
  text: string
  read?: ReadItems
}

/**
 * Load Falco k8s_audit rules files, unchanged, in order (later files append to and override earlier
 * ones), and compile each rule once. Pure: the caller reads the files.
 * @example
 * const { rules, problems } = loadFalcoRules([{ path: 'k8s_audit_rules.yaml', text }])
 * const fired = rules.filter((r) => r.enabled && r.match(auditEvent))
 */
export function loadFalcoRules(files: FalcoFile[], options: FalcoLoadOptions = {}): FalcoLoadResult {
  const problems: Problem[] = []
  const defs: Definitions = { lists: new Map(), macros: new Map(), rules: new Map() }
  const supported = options.engineVersion ?? FALCO_ENGINE_VERSION
  for (const file of files) {
    const read = file.read ?? readItems(file)
    problems.push(...read.problems)
    const tooNew = read.items.find((i) => i.kind === 'required_engine_version' && engineVersionOk(i.body.required_engine_version, supported) === false)
    if (tooNew) {
      // Falco refuses the whole file when the engine is older than the file requires.
      problems.push(falcoProblem('KUBESIEM_FALCO_ENGINE_VERSION', { required: String(tooNew.body.required_engine_version), supported }, tooNew.loc))
      continue
    }
    for (const item of read.items) {
      if (item.kind === 'required_engine_version') continue
      if (item.kind === 'required_plugin_versions') checkPlugins(item, problems)
      else if (item.kind === 'list') collectList(defs, item, problems)
      else if (item.kind === 'macro') collectMacro(defs, item, problems)
      else collectRule(defs, item, problems)
    }
  }
  const rules = compileRules(defs, { clusterName: options.clusterName }, problems)
  const order = new Map(files.map((f, i) => [f.path, i]))
  const rank = (p: Problem): number[] => [order.get(p.file ?? '') ?? -1, p.line ?? 0, p.col ?? 0]
  // Collection and compilation find problems in different passes; report them in file order.
  problems.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })
  return { rules, problems }
}
