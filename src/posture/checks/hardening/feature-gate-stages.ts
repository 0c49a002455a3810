import type { FeatureGateSpec, K8sFeatureGates } from '../../check.js'

/**
 * Order two `major.minor` versions numerically (`1.9` before `1.10`).
 * @example
 * ['1.10', '1.9'].sort(compareMinor) // ['1.9', '1.10']
 */
export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number)
  const [bm = 0, bn = 0] = b.split('.').map(Number)
  return am - bm || an - bn
}

/**
 * The newest minor any gate's history mentions: the version the table describes.
 * @example
 * newestMinor(featureGates) // '1.38'
 */
export function newestMinor(table: K8sFeatureGates): string {
  let newest = '0.0'
  for (const specs of Object.values(table.gates)) for (const spec of specs) if (compareMinor(spec.since, newest) > 0) newest = spec.since
  return newest
}

/**
 * A gate's spec at a minor version: its last entry whose `since` is not newer. Undefined when the
 * gate is not in the table or did not exist yet at that version.
 * @example
 * stageAt(featureGates, 'InPlacePodVerticalScaling', '1.30')?.stage // 'ALPHA'
 */
export function stageAt(table: K8sFeatureGates, gate: string, minor: string): FeatureGateSpec | undefined {
  const specs = Object.hasOwn(table.gates, gate) ? table.gates[gate] : []
  return specs.filter((s) => compareMinor(s.since, minor) <= 0).at(-1)
}

/**
 * `--feature-gates A=true,B=false` as `{ A: true, B: false }` (values other than true/false are
 * ignored: the component would refuse to start with them).
 * @example
 * parseFeatureGatesFlag('AllAlpha=false, Foo=true') // { AllAlpha: false, Foo: true }
 */
export function parseFeatureGatesFlag(text: string | undefined): Record<string, boolean> {
  const gates: Record<string, boolean> = {}
  for (const pair of (text ?? '').split(',')) {
    const [name, value] = pair.split('=').map((s) => s.trim())
    if (name && /^(true|false)$/i.test(value ?? '')) gates[name] = value.toLowerCase() === 'true'
  }
  return gates
}

/** What a component's explicit gate settings turn on, judged at one minor version. */
export interface GateJudgement {
  /** Set to true while ALPHA at that version. */
  alpha: string[]
  /** Set to true while BETA and off by default at that version. */
  offByDefaultBeta: string[]
  /** Named but not in the table at that version (misspelt, removed, newer, or from outside kube). */
  unknown: string[]
}

// Not gates of their own: they switch every alpha/beta gate, and gateProblems reports them.
const WHOLESALE = new Set(['AllAlpha', 'AllBeta'])

/**
 * Sort explicit gate settings by what they enable at a minor version.
 * @example
 * judgeGates(featureGates, { InPlacePodVerticalScaling: true }, '1.30').alpha // ['InPlacePodVerticalScaling']
 */
export function judgeGates(table: K8sFeatureGates, settings: Record<string, boolean>, minor: string): GateJudgement {
  const judgement: GateJudgement = { alpha: [], offByDefaultBeta: [], unknown: [] }
  for (const [gate, on] of Object.entries(settings)) {
    if (WHOLESALE.has(gate)) continue
    const spec = stageAt(table, gate, minor)
    if (!spec) judgement.unknown.push(gate)
    else if (on && spec.stage === 'ALPHA') judgement.alpha.push(gate)
    else if (on && spec.stage === 'BETA' && !spec.default) judgement.offByDefaultBeta.push(gate)
  }
  return judgement
}
