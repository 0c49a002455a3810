import type { Severity } from '../../../core/alert.js'
import { defineCheck, type Check, type CheckContext, type Violation } from '../../check.js'
import { formatGrantPath } from '../../rbac/format.js'
import type { RbacModel } from '../../rbac/model.js'
import type { Grant, RbacBinding, Subject } from '../../rbac/types.js'
import { isSystemDefault } from './defaults.js'

/** Metadata shared by the RBAC risk checks. */
export interface RbacRiskMeta {
  /** Short name; the check id is `rbac.risk.<name>`. */
  name: string
  title: string
  severity: Severity
  remediation: string
  /** Ids in rbac-risk-patterns.json and CIS 5.1.x controls this covers. */
  patterns: string[]
  cis?: string[]
}

/**
 * `Group "devs"`, `ServiceAccount "ci/deployer"`, `User "alice"`.
 * @example
 * formatSubject({ kind: 'User', name: 'alice' }) // 'User "alice"'
 */
export function formatSubject(subject: Subject): string {
  return `${subject.kind} "${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}"`
}

/**
 * A Check<'Rbac'> from metadata and a function that finds the violations.
 * @example
 * export const bind = defineRbacRisk(meta, (model, ctx) => grantViolations(…))
 */
export function defineRbacRisk(meta: RbacRiskMeta, find: (model: RbacModel, ctx: CheckContext) => Violation[]): Check<'Rbac'> {
  return defineCheck({
    id: `rbac.risk.${meta.name}`,
    title: meta.title,
    controls: [{ framework: 'rbac', control: meta.name }, ...(meta.cis ?? []).map((control) => ({ framework: 'cis' as const, level: 'cis-1.12', control }))],
    severity: meta.severity,
    target: 'Rbac',
    remediation: meta.remediation,
    evaluate: (model, ctx) => find(model, ctx),
  })
}

/**
 * One violation per binding for the given grants (system defaults dropped unless asked for):
 * `<subjects> can <what> <scope> via <binding> -> <role> rule #i`.
 * @example
 * violationsByBinding(grants, 'read secrets', ctx)
 */
export function violationsByBinding(grants: Grant[], what: string, ctx: CheckContext): Violation[] {
  const byBinding = new Map<RbacBinding, Grant[]>()
  for (const grant of grants) {
    if (grant.binding.subjects.length === 0) continue
    if (!ctx.includeSystemDefaults && isSystemDefault(grant.binding)) continue
    const list = byBinding.get(grant.binding) ?? []
    if (!list.includes(grant)) list.push(grant)
    byBinding.set(grant.binding, list)
  }
  return [...byBinding].map(([binding, list]) => bindingViolation(binding, list, what))
}

/**
 * The violation for one binding and the grants that make it risky.
 * @example
 * bindingViolation(binding, grants, 'impersonate users')
 */
export function bindingViolation(binding: RbacBinding, grants: Grant[], what: string): Violation {
  const scope = binding.namespace ? `in namespace "${binding.namespace}"` : 'in all namespaces'
  const subjects = binding.subjects.map(formatSubject).join(', ')
  const via = grants.map((g) => formatGrantPath(g.path)).join('; ')
  return {
    message: `${subjects} can ${what} ${scope} via ${via}`,
    paths: ['/subjects', '/roleRef'],
    resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: binding.kind, namespace: binding.namespace, name: binding.name },
    evidence: { subjects: binding.subjects, grants: grants.map((g) => ({ ...g.path, rule: g.rule })), origin: binding.origin },
  }
}
