import type { Severity } from '../core/alert.js'
import type { FindingResource } from '../core/finding.js'
import type { RbacModel } from './rbac/model.js'
import type { ObjectMeta, SourcedObject } from './types.js'

export type PssLevel = 'baseline' | 'restricted'

/** A framework control a check maps to, e.g. `{ framework: 'pss', level: 'baseline', control: 'hostNamespaces' }`. */
export interface Control {
  framework: 'pss' | 'rbac' | 'cis' | 'polaris' | 'kubesiem'
  level?: string
  control: string
}

/** A pod spec to check: a Pod's, or the template of a workload. Paths inside are relative to it. */
export interface PodSpecInput {
  spec: Record<string, unknown>
  metadata: ObjectMeta
  /** The object the pod spec lives in (a Pod, a Deployment, a CronJob, …). */
  owner: SourcedObject
}

/** What each kind of target hands to `evaluate`. */
export interface TargetInputs {
  PodSpec: PodSpecInput
  Object: SourcedObject
  Rbac: RbacModel
}
export type CheckTarget = keyof TargetInputs

/** Objects of the run by kind, for checks that relate objects (a pod and the NetworkPolicies selecting it). */
export interface Inventory {
  /** Objects of a kind, in one namespace when given. */
  byKind(kind: string, namespace?: string): SourcedObject[]
}

/** Run-wide settings a check may depend on. */
export interface CheckContext {
  /** Pod Security Standards version as [major, minor]. */
  pssVersion: readonly [number, number]
  level?: PssLevel
  /** Report RBAC grants made by the cluster's bootstrap policy too. */
  includeSystemDefaults: boolean
  /** The run's objects by kind; absent when a check is evaluated on its own. */
  inventory?: Inventory
  /** The run's clock (ms since epoch), for checks about dates (certificates, end of support). */
  now?: number
  /** Kubernetes release calendar and CVE snapshot (content/k8s-releases.json), loaded by the caller. */
  releases?: K8sReleases
  /** Each feature gate's stage history (content/k8s-feature-gates.json), loaded by the caller. */
  featureGates?: K8sFeatureGates
}

/** The bundled Kubernetes release snapshot: supported minors and notable CVEs with their fixes. */
export interface K8sReleases {
  snapshotDate: string
  minors: Array<{ minor: string; released: string; endOfSupport: string; latestPatch: string }>
  cves: Array<{ id: string; severity: 'low' | 'medium' | 'high' | 'critical'; component: string; summary: string; fixed: string[] }>
}

/** A feature gate's maturity: featuregate.Alpha, Beta, GA or Deprecated in the Kubernetes source. */
export type FeatureGateStage = 'ALPHA' | 'BETA' | 'GA' | 'DEPRECATED'

/** One step of a gate's history: from minor `since` on, the gate has this stage and default. */
export interface FeatureGateSpec {
  since: string
  stage: FeatureGateStage
  default: boolean
  /** LockToDefault: the gate can no longer be set against its default. */
  locked: boolean
}

/** The bundled feature-gate snapshot: each gate's specs in `since` order, and the source files they came from. */
export interface K8sFeatureGates {
  snapshotDate: string
  sources: Array<{ repo: string; path: string; commit: string }>
  note?: string
  gates: Record<string, FeatureGateSpec[]>
}

/** One failed evaluation. `paths` are JSON pointers into the object (or the pod spec for PodSpec checks). */
export interface Violation {
  message: string
  paths: string[]
  resource?: FindingResource
  evidence?: Record<string, unknown>
}

/** A check's verdict: no violations is a pass. */
export type CheckResult = readonly Violation[]

/** Metadata plus logic; the runner turns its violations into Findings. */
export interface Check<T extends CheckTarget = CheckTarget> {
  id: string
  title: string
  controls: Control[]
  severity: Severity
  target: T
  remediation: string
  /** False when the check does not exist at the context's version or level. */
  appliesTo?(ctx: CheckContext): boolean
  evaluate(input: TargetInputs[T], ctx: CheckContext): CheckResult
  /** Set on Pod Security Standards checks: upstream id, level, and the baseline checks it replaces. */
  pss?: { id: string; level: PssLevel; overrides: string[]; since: readonly [number, number] }
}

/**
 * Declare a posture check: metadata as a plain object plus a few lines of logic.
 * @example
 * export const hostNetwork = defineCheck({
 *   id: 'kubesiem.pod.host-network', title: 'No host network', severity: 'high', target: 'PodSpec',
 *   controls: [{ framework: 'kubesiem', control: 'host-network' }], remediation: 'Remove hostNetwork.',
 *   evaluate: ({ spec }) => (spec.hostNetwork === true ? fail('hostNetwork=true', { paths: ['/spec/hostNetwork'] }) : pass()),
 * })
 */
export function defineCheck<T extends CheckTarget>(check: Check<T>): Check<T> {
  return check
}

/**
 * The passing verdict.
 * @example
 * return shared.length === 0 ? pass() : fail('…')
 */
export function pass(): CheckResult {
  return []
}

/**
 * A failing verdict with its message and the JSON paths that prove it.
 * @example
 * return fail('pod shares host namespaces: hostPID', { paths: ['/spec/hostPID'] })
 */
export function fail(message: string, details: Omit<Violation, 'message' | 'paths'> & { paths?: string[] } = {}): CheckResult {
  return [{ message, paths: details.paths ?? [], resource: details.resource, evidence: details.evidence }]
}

/**
 * Render a control as the string stored on a Finding, e.g. `pss:baseline:hostNamespaces`, `cis:1.2.1`.
 * @example
 * formatControl({ framework: 'rbac', control: 'secrets-read' }) // 'rbac:secrets-read'
 */
export function formatControl(control: Control): string {
  // A CIS id is unique within the benchmark a run uses; its version (the level) goes in the check's metadata.
  if (control.framework === 'cis') return `cis:${control.control}`
  return [control.framework, control.level, control.control].filter(Boolean).join(':')
}
