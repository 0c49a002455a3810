import { defineCheck, fail, pass, type Check, type CheckResult } from '../../check.js'
import { isRecord, type KubeObject } from '../../types.js'
import { componentContainer } from './components.js'
import { toBenchCheck, type CisBenchmark, type CisDefinition } from './definitions.js'
import { runCheck } from './engine/run-check.js'
import type { AuditOutputs } from './engine/types.js'
import { argValue, isNodeFacts, matchPath, type NodeFacts } from './node-facts.js'

/** Options of the CIS checks: our definitions (content/cis/cis-<version>.yaml, parsed by the caller). */
export type CisOptions = CisBenchmark

// Components that run as static Pods (or DaemonSets, for kube-proxy) and as processes on a node.
const POD_COMPONENTS = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kube-proxy'])
// The config kind each component may come with in the input.
const CONFIG_KIND: Record<string, string> = { kubelet: 'KubeletConfiguration', 'kube-proxy': 'KubeProxyConfiguration' }

/**
 * Turn our CIS definitions into posture checks, evaluated with kube-bench's semantics (engine/):
 * control-plane flags from static Pods (and kube-proxy from its DaemonSet), kubelet and kube-proxy
 * settings from their config objects, the encryption provider from an EncryptionConfiguration, and
 * with `--node` facts the processes and file modes/owners of the node itself. A FAIL (scored) or
 * WARN (unscored) is a finding with control `cis:<id>`. Policies (5.x) are decided by the PSS and
 * RBAC checks that carry the same controls, so no check is built for them here.
 * @example
 * runPosture(objects, { cis: loadCisBenchmark() })
 */
export function cisChecks(benchmark: CisOptions): Check[] {
  const checks: Check[] = []
  for (const def of benchmark.checks) {
    if (!def.decidable || def.test.length === 0) continue
    if (POD_COMPONENTS.has(def.component)) checks.push(podCheck(benchmark.benchmark, def))
    if (def.component !== 'policies') checks.push(objectCheck(benchmark.benchmark, def))
  }
  return checks
}

const meta = (benchmark: string, def: CisDefinition) => ({
  id: `cis.${def.id}`,
  title: def.title,
  controls: [{ framework: 'cis' as const, level: benchmark, control: def.id }],
  severity: def.severity,
  remediation: def.remediation,
})

function verdict(benchmark: string, def: CisDefinition, outputs: AuditOutputs, paths: string[], extra: Record<string, unknown> = {}): CheckResult {
  const run = runCheck(toBenchCheck(def), outputs)
  if (run.state === 'PASS' || run.state === 'INFO') return pass()
  const settings = def.test.map((t) => t.flag ?? t.config ?? t.env).filter((s, i, all) => all.indexOf(s) === i)
  return fail(`CIS ${def.id} ${def.title}: expected ${run.expected || run.reason}`, {
    paths,
    evidence: { benchmark, state: run.state, scored: def.scored, component: def.component, settings, ...extra },
  })
}

function podCheck(benchmark: string, def: CisDefinition): Check<'PodSpec'> {
  return defineCheck({
    ...meta(benchmark, def),
    target: 'PodSpec',
    evaluate({ spec }, ctx) {
      const container = componentContainer(spec, def.component)
      if (!container) return pass()
      const config = CONFIG_KIND[def.component] ? ctx.inventory?.byKind(CONFIG_KIND[def.component])[0] : undefined
      return verdict(benchmark, def, { audit: container.commandLine, env: container.env, config: config ? JSON.stringify(config.object) : '' }, [`${container.path}/command`])
    },
  })
}

function objectCheck(benchmark: string, def: CisDefinition): Check<'Object'> {
  return defineCheck({
    ...meta(benchmark, def),
    target: 'Object',
    evaluate({ object }) {
      if (isNodeFacts(object)) return onNode(benchmark, def, object)
      if (CONFIG_KIND[def.component] === object.kind) return verdict(benchmark, def, { audit: '', config: JSON.stringify(object) }, configPaths(def))
      if (def.component === 'encryption-config' && object.kind === 'EncryptionConfiguration') {
        return verdict(benchmark, def, { audit: `provider=${firstSecretsProvider(object) ?? ''}` }, ['/resources/0/providers/0'])
      }
      return pass()
    },
  })
}

function onNode(benchmark: string, def: CisDefinition, facts: NodeFacts): CheckResult {
  if (def.component === 'node-files') {
    const files = facts.files.filter((f) => def.files.some((pattern) => matchPath(pattern, f.path)))
    if (files.length === 0) return pass()
    // What `stat -c` prints in kube-bench's audits: permissions=%a, %U:%G, or ownership=%U:%G %n.
    const line = (f: (typeof files)[number]) => (def.print === 'mode' ? `permissions=${f.mode}` : def.print === 'ownership' ? `ownership=${f.owner} ${f.path}` : f.owner)
    return verdict(benchmark, def, { audit: files.map(line).join('\n') }, [], { files: files.map((f) => `${f.path} ${f.mode} ${f.owner}`) })
  }
  const results: CheckResult[] = []
  for (const process of facts.processes.filter((p) => p.binary === def.component)) {
    const configPath = argValue(process.args, '--config') ?? (def.component === 'kubelet' ? '/var/lib/kubelet/config.yaml' : undefined)
    const env = Object.entries(process.env).map(([k, v]) => `${k}=${v}`).join('\n')
    results.push(verdict(benchmark, def, { audit: [process.binary, ...process.args.slice(1)].join(' '), env, config: configPath ? (facts.configs[configPath] ?? '') : '' }, [], { process: process.binary, config: configPath }))
  }
  return results.flat()
}

function configPaths(def: CisDefinition): string[] {
  return def.test.flatMap((t) => (t.config ? [`/${(/\.([\w.]+)/.exec(t.config)?.[1] ?? '').replace(/\./g, '/')}`] : [])).filter((p, i, all) => all.indexOf(p) === i)
}

// The provider the API server writes Secrets with: the first one of the entry covering secrets.
function firstSecretsProvider(object: KubeObject): string | undefined {
  const resources = (Array.isArray(object.resources) ? object.resources : []).filter(isRecord)
  const entry = resources.find((r) => Array.isArray(r.resources) && r.resources.some((x) => x === 'secrets' || x === '*.' || x === '*.*')) ?? resources[0]
  const first = (Array.isArray(entry?.providers) ? entry.providers : []).find(isRecord)
  return first ? Object.keys(first)[0] : undefined
}
