import { defineCheck, fail, pass, type CheckContext, type CheckResult } from '../../check.js'
import { isRecord } from '../../types.js'
import { imageVersionTag } from './cluster-version.js'
import { componentFlags } from './component-flags.js'
import { gateVersionFor, reportGates, type GateReport } from './feature-gate-findings.js'
import { parseFeatureGatesFlag } from './feature-gate-stages.js'

const ALPHA_API = /(^|,)(api\/alpha|api\/all|[\w.-]+\/v\d+alpha\d+)=true(,|$)/

function gateProblems(gates: string | undefined, runtimeConfig: string | undefined): string[] {
  const problems: string[] = []
  for (const gate of ['AllAlpha', 'AllBeta']) if (new RegExp(`(^|,)${gate}=true(,|$)`, 'i').test(gates ?? '')) problems.push(`--feature-gates ${gate}=true`)
  if (runtimeConfig && ALPHA_API.test(runtimeConfig)) problems.push(`--runtime-config ${runtimeConfig} enables alpha APIs`)
  return problems
}

/**
 * The message parts of one component: wholesale switches first, then gates alpha at its version.
 * Beta gates that are off by default are only noted in a finding that fails for another reason
 * (our choice: they are supported features, so they do not fail the check on their own).
 */
function withGateReport(problems: string[], report: GateReport | undefined, prefix: string): string[] {
  const all = report?.alphaProblem ? [...problems, `${prefix}${report.alphaProblem}`] : problems
  return all.length > 0 && report?.betaNote ? [...all, report.betaNote] : all
}

/**
 * Alpha and beta features are not switched on wholesale: --feature-gates AllAlpha/AllBeta, or
 * --runtime-config enabling alpha API versions, on any control-plane component or the kubelet. With
 * the feature-gate snapshot in the context, single gates set to true that are alpha at the
 * component's version fail too (the version is its image tag's, else the cluster's, else the
 * newest in the snapshot, which the message then says).
 * @example
 * alphaFeatures.evaluate(apiServerPod, ctx)[0]?.message // 'kube-apiserver: --feature-gates AllAlpha=true'
 * alphaFeatures.evaluate(schedulerPod, { ...ctx, featureGates })[0]?.message // 'kube-scheduler: --feature-gates SchedulerAsyncPreemption=true is alpha in 1.32'
 */
export const alphaFeatures = defineCheck({
  id: 'hardening.cluster.alpha-features',
  title: 'Alpha and beta features are not enabled wholesale',
  controls: [{ framework: 'kubesiem', control: 'alpha-beta-features' }],
  severity: 'medium',
  target: 'PodSpec',
  remediation: 'Enable only the individual feature gates and API versions you need; alpha features are untested for security and may change without notice.',
  evaluate({ spec }, ctx) {
    const containers = Array.isArray(spec.containers) ? spec.containers : []
    const results: CheckResult[] = componentFlags(spec).map((c) => {
      const gates = c.flags.get('--feature-gates')
      const tag = imageVersionTag(isRecord(containers[c.index]) ? containers[c.index].image : undefined)
      const own = tag ? { role: `${c.component} image`, text: tag, path: `/spec/containers/${c.index}/image` } : undefined
      const report = ctx.featureGates && gates ? reportGates(ctx.featureGates, parseFeatureGatesFlag(gates), gateVersionFor(ctx.featureGates, ctx, own, 'API server')) : undefined
      const problems = withGateReport(gateProblems(gates, c.flags.get('--runtime-config')), report, '--feature-gates ')
      const paths = [`/spec/containers/${c.index}/command`, ...(report && own ? [own.path] : [])]
      return problems.length === 0 ? pass() : fail(`${c.component}: ${problems.join('; ')}`, { paths, evidence: report && { featureGates: report.evidence } })
    })
    return results.flat()
  },
})

/**
 * The same for a KubeletConfiguration's featureGates map, judged at the kubelets' version (the
 * oldest a Node reports, else the API server's).
 * @example
 * kubeletAlphaFeatures.evaluate(kubeletConfig, ctx)[0]?.message // 'kubelet featureGates: AllAlpha=true'
 */
export const kubeletAlphaFeatures = defineCheck({
  ...alphaFeatures,
  id: 'hardening.kubelet.alpha-features',
  target: 'Object',
  evaluate({ object }, ctx: CheckContext) {
    if (object.kind !== 'KubeletConfiguration' || !isRecord(object.featureGates)) return pass()
    const gates = object.featureGates
    const on = ['AllAlpha', 'AllBeta'].filter((g) => gates[g] === true)
    const settings = Object.fromEntries(Object.entries(gates).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'))
    const report = ctx.featureGates ? reportGates(ctx.featureGates, settings, gateVersionFor(ctx.featureGates, ctx, undefined, 'kubelet')) : undefined
    const problems = withGateReport(on.length > 0 ? [on.map((g) => `${g}=true`).join(', ')] : [], report, '')
    const flagged = [...on, ...(report?.alphaProblem ? report.judgement.alpha : []), ...(problems.length > 0 ? report?.judgement.offByDefaultBeta ?? [] : [])]
    return problems.length === 0 ? pass() : fail(`kubelet featureGates: ${problems.join('; ')}`, { paths: flagged.map((g) => `/featureGates/${g}`), evidence: report && { featureGates: report.evidence } })
  },
})
