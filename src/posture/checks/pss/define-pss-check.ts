import type { Severity } from '../../../core/alert.js'
import { defineCheck, fail, pass, type Check, type PodSpecInput, type PssLevel } from '../../check.js'
import { compareVersions, v } from './version.js'

/** The CIS benchmark the `cis` mappings refer to. */
export const CIS_BENCHMARK = 'cis-1.12'

/** What a versioned PSS rule reports when it denies: upstream's ForbiddenDetail and the JSON paths. */
export interface PssDenial {
  detail: string
  paths: string[]
  /** Upstream pluralizes some reasons ("forbidden AppArmor profiles"). */
  reason?: string
}

/** The logic of a check from `since` on; the newest entry not after the policy version is used. */
export interface PssVersionedRule {
  since: string
  evaluate(pod: PodSpecInput): PssDenial | null
}

/** Metadata of one upstream Pod Security Standards check. */
export interface PssCheckSpec {
  /** Upstream check ID, e.g. `hostNamespaces`. */
  id: string
  level: PssLevel
  title: string
  severity: Severity
  remediation: string
  /** Upstream ForbiddenReason. */
  reason: string
  /** Baseline check IDs this restricted check replaces at the restricted level. */
  overrides?: string[]
  /** CIS Kubernetes Benchmark (v1.12) recommendations this check evidences, e.g. `5.2.2`. */
  cis?: string[]
  versions: PssVersionedRule[]
}

/**
 * Declare a Pod Security Standards check the way pod-security-admission does: an ID, a level and
 * versioned logic. Finding id `pss.<level>.<id>`, message `<reason> (<detail>)`.
 * @example
 * export const hostPorts = definePssCheck({ id: 'hostPorts', level: 'baseline', reason: 'hostPort', …,
 *   versions: [{ since: '1.0', evaluate: ({ spec }) => null }] })
 */
export function definePssCheck(spec: PssCheckSpec): Check<'PodSpec'> {
  const versions = spec.versions.map((rule) => ({ ...rule, min: v(rule.since) })).sort((a, b) => compareVersions(b.min, a.min))
  const ruleAt = (version: readonly [number, number]) => versions.find((rule) => compareVersions(rule.min, version) <= 0)
  return defineCheck({
    id: `pss.${spec.level}.${spec.id}`,
    title: spec.title,
    controls: [{ framework: 'pss', level: spec.level, control: spec.id }, ...(spec.cis ?? []).map((control) => ({ framework: 'cis' as const, level: CIS_BENCHMARK, control }))],
    severity: spec.severity,
    target: 'PodSpec',
    remediation: spec.remediation,
    pss: { id: spec.id, level: spec.level, overrides: spec.overrides ?? [], since: versions[versions.length - 1].min },
    appliesTo: (ctx) => ruleAt(ctx.pssVersion) !== undefined,
    evaluate(pod, ctx) {
      const denial = ruleAt(ctx.pssVersion)?.evaluate(pod)
      return denial ? fail(`${denial.reason ?? spec.reason} (${denial.detail})`, { paths: denial.paths }) : pass()
    },
  })
}
