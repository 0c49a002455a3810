import { dirname } from 'node:path/posix'
import type { FeatureGateSpec } from '../../posture/check.js'
import { compareMinor } from '../../posture/checks/hardening/feature-gate-stages.js'
import { parseGoConsts, type GoConst } from './go-consts.js'
import { parseGoSpecMaps, type GoSpec } from './go-spec-maps.js'

/** A Go source file of a Kubernetes checkout: its path inside the repository and its text. */
export interface GoSourceFile {
  path: string
  text: string
}

/** The gates found, each with its specs in `since` order, and what the reader should double-check. */
export interface GateTable {
  gates: Record<string, FeatureGateSpec[]>
  warnings: string[]
}

/**
 * Build each gate's stage history from the feature files of a Kubernetes checkout. Files are read in
 * the order given and the first to define a gate wins (pkg/features relists the staging gates, so
 * put it first). Unversioned specs (before 1.31, and client-go's) get `since` from the
 * `// alpha: v1.26` note above their const, else `fallbackSince` (the checkout's own minor).
 * @example
 * buildGateTable([{ path: 'pkg/features/kube_features.go', text }], { fallbackSince: '1.30' }).gates.Foo
 * // [{ since: '1.30', stage: 'ALPHA', default: false, locked: false }]
 */
export function buildGateTable(files: GoSourceFile[], options: { fallbackSince: string }): GateTable {
  const warnings: string[] = []
  const unresolved = new Map<string, string[]>()
  const constsByDir = new Map<string, Map<string, GoConst>>()
  for (const file of files) {
    // one Go package per directory: 1.31-1.32 declare consts and specs in two files of pkg/features
    const dir = dirname(file.path)
    constsByDir.set(dir, new Map([...(constsByDir.get(dir) ?? []), ...parseGoConsts(file.text)]))
  }
  const elsewhere = (ident: string, dir: string) => [...constsByDir].filter(([d]) => d !== dir).map(([, consts]) => consts.get(ident)).find((c) => c !== undefined && 'name' in c.value)

  /** A map key's gate name and the stage notes above its const; `pkg.Foo` and `Foo = pkg.Foo` look in the other packages read. */
  const resolve = (key: string, dir: string): { name: string; notes: GoConst['notes'] } => {
    const local = key.includes('.') ? undefined : constsByDir.get(dir)?.get(key)
    if (local && 'name' in local.value) return { name: local.value.name, notes: local.notes }
    const ident = local && 'ref' in local.value ? local.value.ref.ident : key.split('.').pop()!
    const target = elsewhere(ident, dir)
    if (target && 'name' in target.value) return { name: target.value.name, notes: { ...target.notes, ...local?.notes } }
    // Go convention: a gate's const is named like the gate. Say so when we had to rely on it.
    const pkg = local && 'ref' in local.value ? local.value.ref.pkg : key.includes('.') ? key.split('.')[0] : dir
    unresolved.set(pkg, [...(unresolved.get(pkg) ?? []), ident])
    return { name: ident, notes: local?.notes ?? {} }
  }
  const specOf = (spec: GoSpec, notes: GoConst['notes'], dir: string, name: string): FeatureGateSpec => {
    let def = spec.default
    if (typeof def === 'string') {
      const value = constsByDir.get(dir)?.get(def)?.value
      def = value !== undefined && 'bool' in value ? value.bool : false
      if (value === undefined || !('bool' in value)) warnings.push(`${name}: Default: ${spec.default} is not a bool const of its package; read as false`)
    }
    return { since: spec.version ?? notes[spec.stage] ?? options.fallbackSince, stage: spec.stage, default: def, locked: spec.locked }
  }

  const gates: Record<string, FeatureGateSpec[]> = {}
  const from: Record<string, string> = {}
  for (const file of files) {
    const dir = dirname(file.path)
    for (const entry of parseGoSpecMaps(file.text)) {
      const { name, notes } = resolve(entry.key, dir)
      const specs = historyOf(entry.specs.map((s) => specOf(s, notes, dir, name)))
      if (!Object.hasOwn(gates, name)) [gates[name], from[name]] = [specs, file.path]
      else if (JSON.stringify(gates[name]) !== JSON.stringify(specs)) warnings.push(`${name}: ${file.path} differs from ${from[name]}; kept ${from[name]}`)
    }
  }
  const sorted = Object.fromEntries(Object.keys(gates).sort().map((name) => [name, gates[name]]))
  for (const [pkg, idents] of unresolved) warnings.push(`${pkg}: no const found in the files read for ${idents.length} gate(s), named after their identifiers: ${[...new Set(idents)].join(', ')}`)
  return { gates: sorted, warnings: [...new Set(warnings)] }
}

/** Specs in `since` order; of two at one minor the later wins, as featuregate does once its MinCompatibilityVersion is met. */
function historyOf(specs: FeatureGateSpec[]): FeatureGateSpec[] {
  const ordered = specs.map((spec, index) => ({ spec, index })).sort((a, b) => compareMinor(a.spec.since, b.spec.since) || a.index - b.index).map((s) => s.spec)
  return ordered.filter((spec, i) => i === ordered.length - 1 || ordered[i + 1].since !== spec.since)
}
