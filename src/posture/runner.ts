import { SEVERITIES, type Severity } from '../core/alert.js'
import { formatMessage, KubesiemError, type Problem } from '../core/errors.js'
import type { Finding, FindingResource } from '../core/finding.js'
import { formatControl, type Check, type CheckContext, type CheckResult, type Inventory, type K8sFeatureGates, type K8sReleases, type PssLevel, type Violation } from './check.js'
import { cisCoverage, type CisCoverage } from './checks/cis/coverage.js'
import { cisChecks, type CisOptions } from './checks/cis/define-cis-checks.js'
import { namespaceEnforceLabel, PSS_CHECKS, parsePssVersion } from './checks/pss/index.js'
import { RBAC_CHECKS } from './checks/rbac/index.js'
import { isControlledByOneOf, ownerKeys, podSpecOf } from './pod-specs.js'
import { buildRbacModel } from './rbac/model.js'
import type { KubeObject, Origin, SourcedObject } from './types.js'

/** Options of a posture run. */
export interface PostureOptions {
  /** Pod Security Standards version, `v1.37` / `1.30` / `latest` (default). */
  pssVersion?: string
  /** PSS levels to evaluate; default both. A check is reported once, under its own level. */
  levels?: PssLevel[]
  /** Replace the built-in checks (tests, or a CLI `--check` filter). */
  checks?: Check[]
  /** Also report RBAC grants made by the cluster's bootstrap policy (system:* bindings to system principals). */
  includeSystemDefaults?: boolean
  /** CIS benchmark definitions (content/cis/cis-<version>.yaml, loaded by the caller) to check control-plane, kubelet and node inputs against. */
  cis?: CisOptions
  /** The clock for date checks (default: now). */
  now?: Date | number
  /** Kubernetes release snapshot for the version checks. */
  releases?: K8sReleases
  /** Feature-gate stage history for the alpha-features checks. */
  featureGates?: K8sFeatureGates
}

/** Counts for a report header. */
export interface PostureSummary {
  objects: number
  podSpecs: number
  checks: number
  findings: number
  bySeverity: Record<Severity, number>
  byCheck: Record<string, number>
  pssVersion: string
  levels: PssLevel[]
  /** With CIS definitions: which checks the input decided and which it could not. */
  cis?: CisCoverage
}

/** What a posture run returns: findings, problems met (with file:line), and a summary. */
export interface PostureResult {
  findings: Finding[]
  problems: Problem[]
  summary: PostureSummary
}

const LEVEL_RANK: Record<PssLevel, number> = { baseline: 0, restricted: 1 }

/**
 * The built-in checks: the 19 PSS checks, the namespace label check and the RBAC risk checks.
 * @example
 * runPosture(objects, { checks: BUILTIN_CHECKS.filter((c) => c.severity === 'critical') })
 */
export const BUILTIN_CHECKS: Check[] = [...PSS_CHECKS, namespaceEnforceLabel, ...RBAC_CHECKS] as Check[]

/**
 * Run posture checks over decoded objects. Pure: no I/O, same input, same output.
 * @example
 * const { objects, problems } = await readManifestFiles(['./manifests'])
 * const result = runPosture(objects, { pssVersion: 'v1.30', levels: ['restricted'] })
 * result.problems.unshift(...problems)
 */
export function runPosture(input: Array<SourcedObject | KubeObject>, options: PostureOptions = {}): PostureResult {
  const pssVersion = parsePssVersion(options.pssVersion)
  if (!pssVersion) throw new KubesiemError('KUBESIEM_POSTURE_BAD_PSS_VERSION', { version: options.pssVersion })
  const levels = options.levels ?? ['baseline', 'restricted']
  const objects = input.map(toSourced)
  const checks = [...(options.checks ?? BUILTIN_CHECKS), ...(options.cis ? cisChecks(options.cis) : [])]
  const now = options.now === undefined ? Date.now() : Number(options.now)
  const base: CheckContext = { pssVersion, includeSystemDefaults: options.includeSystemDefaults ?? false, inventory: inventoryOf(objects), now, releases: options.releases, featureGates: options.featureGates }
  const findings = new Map<string, Finding>()
  const problems: Problem[] = []

  const record = (check: Check, origin: Origin | undefined, owner: KubeObject | undefined, root: string, violations: CheckResult, level?: PssLevel) => {
    for (const violation of violations) {
      const resource = violation.resource ?? resourceOf(owner)
      const key = `${check.id}|${JSON.stringify(resource)}|${root}|${violation.message}`
      const existing = findings.get(key)
      if (existing) {
        const levels = (existing.evidence as { levels?: string[] }).levels
        if (level && levels && !levels.includes(level)) levels.push(level)
        continue
      }
      findings.set(key, toFinding(check, violation, resource, root, origin, level))
    }
  }
  const safely = (check: Check, origin: Origin | undefined, run: () => CheckResult): CheckResult => {
    try {
      return run()
    } catch (error) {
      const where = origin ? `${origin.file}:${origin.line}` : 'rbac'
      const detail = error instanceof Error ? error.message : String(error)
      problems.push({ code: 'KUBESIEM_POSTURE_CHECK_FAILED', severity: 'error', message: formatMessage('KUBESIEM_POSTURE_CHECK_FAILED', { where, check: check.id, detail }), file: origin?.file, line: origin?.line })
      return []
    }
  }

  // A live dump holds Deployment -> ReplicaSet -> Pod: judge the template once, at the top owner.
  const owners = ownerKeys(objects)
  const podSpecs = objects.filter((o) => !isControlledByOneOf(o.object, owners)).map(podSpecOf).filter((spec) => spec !== undefined)
  for (const level of levels) {
    const ctx = { ...base, level }
    for (const check of pssChecksAt(checks, level, ctx)) {
      for (const pod of podSpecs) {
        record(check, pod.owner.origin, pod.owner.object, pod.root, safely(check, pod.owner.origin, () => (check as Check<'PodSpec'>).evaluate(pod, ctx)), level)
      }
    }
  }
  for (const check of checks.filter((c) => c.target === 'PodSpec' && !c.pss && (c.appliesTo?.(base) ?? true))) {
    for (const pod of podSpecs) record(check, pod.owner.origin, pod.owner.object, pod.root, safely(check, pod.owner.origin, () => (check as Check<'PodSpec'>).evaluate(pod, base)))
  }
  for (const check of checks.filter((c) => c.target === 'Object' && (c.appliesTo?.(base) ?? true))) {
    for (const object of objects) record(check, object.origin, object.object, '', safely(check, object.origin, () => (check as Check<'Object'>).evaluate(object, base)))
  }
  const rbacChecks = checks.filter((c) => c.target === 'Rbac' && (c.appliesTo?.(base) ?? true))
  if (rbacChecks.length > 0) {
    const model = buildRbacModel(objects)
    for (const check of rbacChecks) record(check, undefined, undefined, '', safely(check, undefined, () => (check as Check<'Rbac'>).evaluate(model, base)))
  }

  const list = [...findings.values()]
  const summary = summarize(list, objects.length, podSpecs.length, checks.length, pssVersion, levels)
  if (options.cis) summary.cis = cisCoverage(options.cis, objects.map((o) => o.object), checks)
  return { findings: list, problems, summary }
}

/**
 * The PSS checks that run at a level and version, as the admission plugin picks them: every check
 * of that level or below that exists at the version, minus baseline checks a restricted one replaces.
 * @example
 * pssChecksAt(PSS_CHECKS, 'restricted', ctx).some((c) => c.pss?.id === 'hostPathVolumes') // false
 */
export function pssChecksAt(checks: Check[], level: PssLevel, ctx: CheckContext): Check[] {
  const active = checks.filter((c) => c.pss && LEVEL_RANK[c.pss.level] <= LEVEL_RANK[level] && (c.appliesTo?.(ctx) ?? true))
  const replaced = new Set(level === 'restricted' ? active.flatMap((c) => c.pss?.overrides ?? []) : [])
  return active.filter((c) => !replaced.has(c.pss?.id ?? ''))
}

function inventoryOf(objects: SourcedObject[]): Inventory {
  const byKind = new Map<string, SourcedObject[]>()
  for (const o of objects) {
    const kind = o.object.kind ?? ''
    const list = byKind.get(kind)
    if (list) list.push(o)
    else byKind.set(kind, [o])
  }
  return {
    byKind: (kind, namespace) => (byKind.get(kind) ?? []).filter((o) => namespace === undefined || (o.object.metadata?.namespace ?? 'default') === namespace),
  }
}

function toSourced(item: SourcedObject | KubeObject): SourcedObject {
  const maybe = item as Partial<SourcedObject>
  if (maybe.origin && maybe.object && typeof maybe.object === 'object') return item as SourcedObject
  return { object: item as KubeObject, origin: { file: '<input>', line: 0 } }
}

function resourceOf(object: KubeObject | undefined): FindingResource | undefined {
  if (!object) return undefined
  return { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata?.namespace, name: object.metadata?.name }
}

function toFinding(check: Check, violation: Violation, resource: FindingResource | undefined, root: string, origin: Origin | undefined, level?: PssLevel): Finding {
  const evidence: Record<string, unknown> = { paths: violation.paths.map((p) => root + p), ...violation.evidence }
  if (origin) evidence.origin = origin
  if (level) evidence.levels = [level]
  return {
    checkId: check.id,
    controls: check.controls.map(formatControl),
    severity: check.severity,
    resource,
    message: violation.message,
    remediation: check.remediation,
    evidence,
  }
}

function summarize(findings: Finding[], objects: number, podSpecs: number, checks: number, version: readonly [number, number], levels: PssLevel[]): PostureSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  const byCheck: Record<string, number> = {}
  for (const f of findings) {
    bySeverity[f.severity] += 1
    byCheck[f.checkId] = (byCheck[f.checkId] ?? 0) + 1
  }
  return { objects, podSpecs, checks, findings: findings.length, bySeverity, byCheck, pssVersion: `v${version[0]}.${version[1]}`, levels }
}
