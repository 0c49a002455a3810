import type { Severity } from '../../core/alert.js'
import type { Finding } from '../../core/finding.js'
import type { KubeObject } from '../types.js'

/** A score out of 100 for the cluster and for each namespace. */
export interface PostureScore {
  cluster: number
  namespaces: Record<string, number>
}

// A resource costs what its worst finding costs: one critical finding makes it fully failing,
// while a low one barely counts (the same ladder Kubescape's risk score climbs).
const COST: Record<Severity, number> = { critical: 1, high: 0.7, medium: 0.4, low: 0.1, info: 0 }

const keyOf = (r: { kind?: string; namespace?: string; name?: string }) => `${r.kind ?? ''}/${r.namespace ?? ''}/${r.name ?? ''}`

/**
 * Score = 100 × (1 − average cost of the resources in scope), where a resource costs what its worst
 * finding costs (critical 1, high 0.7, medium 0.4, low 0.1, info 0) and a clean one costs 0. The
 * cluster's scope is every object plus any resource a finding names that is not in the input (an RBAC
 * subject); a namespace's scope is its namespaced objects. An empty scope scores 100.
 * @example
 * scorePosture(objects, findings) // { cluster: 72, namespaces: { default: 60, 'kube-system': 80 } }
 */
export function scorePosture(objects: KubeObject[], findings: Finding[]): PostureScore {
  const cost = new Map<string, number>()
  const namespaceOf = new Map<string, string | undefined>()
  for (const o of objects) {
    const key = keyOf({ kind: o.kind, namespace: o.metadata?.namespace, name: o.metadata?.name })
    cost.set(key, 0)
    namespaceOf.set(key, o.metadata?.namespace)
  }
  for (const f of findings) {
    const key = f.resource ? keyOf(f.resource) : `check/${f.checkId}`
    cost.set(key, Math.max(cost.get(key) ?? 0, COST[f.severity]))
    if (!namespaceOf.has(key)) namespaceOf.set(key, f.resource?.namespace)
  }
  const totals = new Map<string, { sum: number; n: number }>()
  for (const [key, value] of cost) {
    const ns = namespaceOf.get(key)
    if (ns === undefined) continue
    const t = totals.get(ns) ?? { sum: 0, n: 0 }
    totals.set(ns, { sum: t.sum + value, n: t.n + 1 })
  }
  const score = (sum: number, n: number) => (n === 0 ? 100 : Math.round(100 * (1 - sum / n)))
  const all = [...cost.values()]
  const namespaces = Object.fromEntries([...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ns, t]) => [ns, score(t.sum, t.n)]))
  return { cluster: score(all.reduce((a, b) => a + b, 0), all.length), namespaces }
}
