import { defineCheck, fail, pass, type Check } from '../../check.js'
import { componentAudited, componentContainer } from './components.js'
import { runCheck } from './engine/run-check.js'
import type { BenchCheck, BenchControls } from './engine/types.js'

/** Options of the CIS checks: the benchmark name used in ids and controls, e.g. `cis-1.12`. */
export interface CisOptions {
  benchmark?: string
  controls: BenchControls[]
}

/**
 * Turn kube-bench controls into posture checks for what manifests can answer: the command-line
 * recommendations of the API server, controller manager, scheduler (CIS 1.2–1.4) and etcd (2.x),
 * read from their static Pods, and the kubelet config-file recommendations (4.2.x) read from a
 * KubeletConfiguration object. File permissions, kubectl audits and manual checks need the node
 * and are left out, as are unscored (Manual) recommendations. A FAIL is a finding.
 * @example
 * const checks = cisChecks({ benchmark: 'cis-1.12', controls: [parseControls(masterYaml), parseControls(etcdYaml)] })
 * runPosture(objects, { checks: [...BUILTIN_CHECKS, ...checks] })
 */
export function cisChecks({ benchmark = 'cis', controls }: CisOptions): Check[] {
  const checks: Check[] = []
  for (const file of controls) {
    for (const group of file.groups) {
      for (const bench of group.checks) {
        // Unscored (CIS "Manual") recommendations are WARN in kube-bench: advice to review, not findings.
        if (bench.type === 'manual' || bench.type === 'skip' || !bench.tests || !bench.scored) continue
        const component = componentAudited(bench)
        if (component) checks.push(staticPodCheck(benchmark, bench, component))
        else if (isKubeletConfigCheck(bench)) checks.push(kubeletConfigCheck(benchmark, bench))
      }
    }
  }
  return checks
}

const meta = (benchmark: string, bench: BenchCheck) => ({
  id: `cis.${benchmark}.${bench.id}`,
  title: bench.text,
  controls: [{ framework: 'cis' as const, level: benchmark, control: bench.id }],
  severity: 'medium' as const,
  remediation: bench.remediation.trim(),
})

function staticPodCheck(benchmark: string, bench: BenchCheck, component: string): Check<'PodSpec'> {
  return defineCheck({
    ...meta(benchmark, bench),
    target: 'PodSpec',
    evaluate({ spec }) {
      const container = componentContainer(spec, component)
      if (!container) return pass()
      const run = runCheck(bench, { audit: container.commandLine, env: container.env })
      if (run.state !== 'FAIL') return pass()
      return fail(`CIS ${bench.id} ${bench.text}: expected ${run.expected || run.reason}`, {
        paths: [`${container.path}/command`],
        evidence: { benchmark, state: run.state, component },
      })
    },
  })
}

// The kubelet is not a Pod; its config file is, when the input carries it as a KubeletConfiguration.
function isKubeletConfigCheck(bench: BenchCheck): boolean {
  return bench.auditConfig.includes('$kubeletconf') && (bench.tests?.items ?? []).every((item) => item.path !== '')
}

function kubeletConfigCheck(benchmark: string, bench: BenchCheck): Check<'Object'> {
  return defineCheck({
    ...meta(benchmark, bench),
    target: 'Object',
    evaluate({ object }) {
      if (object.kind !== 'KubeletConfiguration') return pass()
      const run = runCheck(bench, { audit: '', config: JSON.stringify(object) })
      if (run.state !== 'FAIL') return pass()
      const paths = (bench.tests?.items ?? []).map((item) => `/${(/\.([\w.]+)/.exec(item.path)?.[1] ?? '').replace(/\./g, '/')}`)
      return fail(`CIS ${bench.id} ${bench.text}: expected ${run.expected || run.reason}`, { paths, evidence: { benchmark, state: run.state } })
    },
  })
}
