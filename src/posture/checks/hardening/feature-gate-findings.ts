import type { CheckContext, K8sFeatureGates } from '../../check.js'
import { clusterVersions, parseK8sVersion, type ReportedVersion } from './cluster-version.js'
import { compareMinor, judgeGates, newestMinor, type GateJudgement } from './feature-gate-stages.js'

/** The minor version gate stages are judged at, and what it was read from. */
export interface GateVersion {
  minor: string
  from: string
  /** No version was found: `minor` is the newest in the table. */
  assumed: boolean
}

const minorOf = (text: string) => {
  const v = parseK8sVersion(text)
  return v && `${v[0]}.${v[1]}`
}

/**
 * The version to judge a component's gates at: its own (a static Pod's image tag), else what the
 * run's objects report (API server for control-plane components, kubelets for a
 * KubeletConfiguration), else the newest minor of the feature-gate table.
 * @example
 * gateVersionFor(table, ctx, { role: 'kube-scheduler image', text: 'v1.30.2', path: '/spec/containers/0/image' }, 'API server').minor // '1.30'
 */
export function gateVersionFor(table: K8sFeatureGates, ctx: CheckContext, own: ReportedVersion | undefined, prefer: 'API server' | 'kubelet'): GateVersion {
  const ownMinor = own && minorOf(own.text)
  if (own && ownMinor) return { minor: ownMinor, from: `${own.role} ${own.text}`, assumed: false }
  const reported = clusterVersions(ctx.inventory).filter((v) => minorOf(v.text))
  const preferred = reported.filter((v) => v.role === prefer || v.role.startsWith(`${prefer} `))
  // Mid-upgrade a cluster runs two minors; a gate still alpha in the older one is alpha on those members.
  const oldest = (preferred.length > 0 ? preferred : reported).sort((a, b) => compareMinor(minorOf(a.text)!, minorOf(b.text)!))[0]
  if (oldest) return { minor: minorOf(oldest.text)!, from: `${oldest.role} ${oldest.text}`, assumed: false }
  const newest = newestMinor(table)
  return { minor: newest, from: `no version found: judged at ${newest}, the newest in the feature-gate table`, assumed: true }
}

/** Problems (for the finding's message) and evidence from one component's explicit gate settings. */
export interface GateReport {
  alphaProblem?: string
  /** Beta gates that are off by default: noted in the same finding when it fails, never a failure alone. */
  betaNote?: string
  evidence: Record<string, unknown>
  judgement: GateJudgement
}

const settingList = (gates: string[]) => gates.map((g) => `${g}=true`).join(', ')

/**
 * Judge explicit gate settings at a version and word the result.
 * @example
 * reportGates(table, { InPlacePodVerticalScaling: true }, { minor: '1.30', from: 'kube-apiserver image v1.30.2', assumed: false }).alphaProblem
 * // 'InPlacePodVerticalScaling=true is alpha in 1.30'
 */
export function reportGates(table: K8sFeatureGates, settings: Record<string, boolean>, version: GateVersion): GateReport {
  const judgement = judgeGates(table, settings, version.minor)
  const { alpha, offByDefaultBeta, unknown } = judgement
  const assumed = version.assumed ? ` (${version.from})` : ''
  return {
    alphaProblem: alpha.length > 0 ? `${settingList(alpha)} ${alpha.length === 1 ? 'is' : 'are'} alpha in ${version.minor}${assumed}` : undefined,
    // the version caveat once per message: on the alpha part when there is one
    betaNote: offByDefaultBeta.length > 0 ? `${settingList(offByDefaultBeta)} ${offByDefaultBeta.length === 1 ? 'is' : 'are'} beta and off by default in ${version.minor}${alpha.length > 0 ? '' : assumed}` : undefined,
    evidence: { version: version.minor, versionFrom: version.from, alphaGates: alpha, offByDefaultBetaGates: offByDefaultBeta, unknownGates: unknown, featureGateSnapshot: table.snapshotDate },
    judgement,
  }
}
