import { isRecord, type SourcedObject } from '../types.js'
import type { LabelSelector, PolicyRule, RbacBinding, RbacRole, Subject } from './types.js'

const RBAC_GROUP = /^rbac\.authorization\.k8s\.io\/v1(beta1|alpha1)?$/
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])

/**
 * Normalize a rule: missing lists become empty, so matching never meets undefined.
 * @example
 * toRule({ verbs: ['get'], resources: ['pods'] }).apiGroups // []
 */
export function toRule(value: unknown): PolicyRule {
  const rule = isRecord(value) ? value : {}
  return {
    verbs: strings(rule.verbs),
    apiGroups: strings(rule.apiGroups),
    resources: strings(rule.resources),
    resourceNames: strings(rule.resourceNames),
    nonResourceURLs: strings(rule.nonResourceURLs),
  }
}

/**
 * A Role or ClusterRole object as an RbacRole (own rules only; aggregation is resolved later).
 * @example
 * decodeRole(sourced)?.rules.length
 */
export function decodeRole({ object, origin }: SourcedObject): RbacRole | undefined {
  if ((object.kind !== 'Role' && object.kind !== 'ClusterRole') || !RBAC_GROUP.test(object.apiVersion ?? '')) return undefined
  const rules = Array.isArray(object.rules) ? object.rules.map(toRule) : []
  const aggregation = isRecord(object.aggregationRule) ? object.aggregationRule.clusterRoleSelectors : undefined
  return {
    kind: object.kind,
    name: object.metadata?.name ?? '',
    namespace: object.kind === 'Role' ? (object.metadata?.namespace ?? 'default') : undefined,
    labels: object.metadata?.labels ?? {},
    rules,
    ruleSources: rules.map(() => undefined),
    aggregationRule: object.kind === 'ClusterRole' && Array.isArray(aggregation) ? (aggregation.filter(isRecord) as LabelSelector[]) : undefined,
    origin,
  }
}

/**
 * A RoleBinding or ClusterRoleBinding as an RbacBinding; ServiceAccount subjects without a
 * namespace take the binding's, as the authorizer does.
 * @example
 * decodeBinding(sourced)?.subjects
 */
export function decodeBinding({ object, origin }: SourcedObject): RbacBinding | undefined {
  if ((object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') || !RBAC_GROUP.test(object.apiVersion ?? '')) return undefined
  const namespace = object.kind === 'RoleBinding' ? (object.metadata?.namespace ?? 'default') : undefined
  const roleRef = isRecord(object.roleRef) ? object.roleRef : {}
  const subjects: Subject[] = []
  for (const s of Array.isArray(object.subjects) ? object.subjects : []) {
    if (!isRecord(s) || (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount')) continue
    const subject: Subject = { kind: s.kind, name: String(s.name ?? '') }
    if (s.kind === 'ServiceAccount') subject.namespace = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : namespace
    subjects.push(subject)
  }
  return {
    kind: object.kind,
    name: object.metadata?.name ?? '',
    namespace,
    roleRef: { kind: String(roleRef.kind ?? ''), name: String(roleRef.name ?? '') },
    subjects,
    origin,
  }
}
