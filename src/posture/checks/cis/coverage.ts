import type { Check } from '../../check.js'
import { podSpecOf } from '../../pod-specs.js'
import type { KubeObject } from '../../types.js'
import { componentContainer } from './components.js'
import type { CisBenchmark, CisDefinition } from './definitions.js'
import { isNodeFacts, matchPath, type NodeFacts } from './node-facts.js'

/** Which CIS checks the input let us decide, and why the others could not be. */
export interface CisCoverage {
  decided: string[]
  undecided: Array<{ id: string; reason: string }>
  /** Recommendations that need a person's judgement (CIS "Manual" with no test). */
  manual: string[]
}

/**
 * Decide which checks had something to look at. A managed cluster (EKS, GKE, AKS) shows no
 * control-plane Pods and no node files: those checks are listed as undecided with the input that
 * would decide them, rather than failed.
 * @example
 * cisCoverage(benchmark, objects, checks).undecided // [{ id: '1.2.1', reason: 'no kube-apiserver static Pod or process in the input' }, …]
 */
export function cisCoverage(benchmark: CisBenchmark, objects: KubeObject[], checks: Check[]): CisCoverage {
  const nodes = objects.filter(isNodeFacts)
  const kinds = new Set(objects.map((o) => o.kind))
  const components = new Set<string>()
  for (const object of objects) {
    const pod = podSpecOf({ object, origin: { file: '', line: 0 } })
    if (!pod) continue
    for (const name of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kube-proxy']) if (componentContainer(pod.spec, name)) components.add(name)
  }
  for (const node of nodes) for (const p of node.processes) components.add(p.binary)
  if (kinds.has('KubeletConfiguration')) components.add('kubelet')
  if (kinds.has('KubeProxyConfiguration')) components.add('kube-proxy')
  const checkIds = new Set(checks.map((c) => c.id))
  const managed = managedProvider(objects)
  const coverage: CisCoverage = { decided: [], undecided: [], manual: [] }
  for (const def of benchmark.checks) {
    if (!def.decidable) {
      coverage.manual.push(def.id)
      continue
    }
    const reason = whyUndecided(def, components, kinds, nodes, checkIds, managed)
    if (reason) coverage.undecided.push({ id: def.id, reason })
    else coverage.decided.push(def.id)
  }
  return coverage
}

function whyUndecided(def: CisDefinition, components: Set<string>, kinds: Set<string | undefined>, nodes: NodeFacts[], checkIds: Set<string>, managed: string | undefined): string | undefined {
  switch (def.component) {
    case 'policies': {
      const missing = def.decidedBy.filter((id) => !checkIds.has(id))
      return missing.length > 0 ? `decided by ${missing.join(', ')}, which did not run` : undefined
    }
    case 'node-files':
      if (nodes.length === 0) return 'node files: run kubesiem posture --node on the node'
      return nodes.some((n) => n.files.some((f) => def.files.some((p) => matchPath(p, f.path)))) ? undefined : `none of ${def.files.join(', ')} exists on the node`
    case 'encryption-config':
      return kinds.has('EncryptionConfiguration') ? undefined : 'no EncryptionConfiguration in the input'
    case 'kubelet':
      // Flag-only kubelet checks need its command line, which only a node shows.
      if (def.test.every((t) => !t.config)) return components.has('kubelet') && nodes.some((n) => n.processes.some((p) => p.binary === 'kubelet')) ? undefined : 'needs the kubelet command line: run kubesiem posture --node'
      return components.has('kubelet') ? undefined : 'no KubeletConfiguration or kubelet process in the input'
    default:
      if (components.has(def.component)) return undefined
      return managed ? `${managed} manages ${def.component}; its configuration is not visible` : `no ${def.component} static Pod or process in the input (a managed control plane hides it)`
  }
}

// Managed control planes leave a mark in the server version string (v1.31.2-eks-7f9249a, v1.30.5-gke.1014001).
const PROVIDERS: Array<[RegExp, string]> = [[/-eks-/, 'EKS'], [/-gke\./, 'GKE'], [/-aks|\+aks/i, 'AKS']]

function managedProvider(objects: KubeObject[]): string | undefined {
  const info = objects.find((o) => o.kind === 'ClusterInfo')
  const version = String((info?.serverVersion as { gitVersion?: unknown } | undefined)?.gitVersion ?? '')
  return PROVIDERS.find(([pattern]) => pattern.test(version))?.[1]
}
