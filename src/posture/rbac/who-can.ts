import type { RbacModel } from './model.js'
import { ruleAllows, type AccessRequest } from './rule-matches.js'
import type { Grant, GrantPath, Subject } from './types.js'

/** One subject allowed to do the request, and how. */
export interface WhoCanEntry {
  subject: Subject
  path: GrantPath
}

/**
 * Grants whose rule allows the request in its namespace. `anyNamespace` widens a resource request
 * to every namespace (risk checks: "can anyone, anywhere…"). A cluster-scoped request (no
 * namespace) is only granted by ClusterRoleBindings, as in the authorizer.
 * @example
 * grantsFor(model, { verb: 'create', resource: 'pods', subresource: 'exec' }, { anyNamespace: true })
 */
export function grantsFor(model: RbacModel, request: AccessRequest, options: { anyNamespace?: boolean } = {}): Grant[] {
  let candidates: Iterable<Grant>
  if ('nonResourceURL' in request) {
    // Non-resource URLs are cluster-scoped: only ClusterRoleBindings grant them.
    candidates = model.nonResource.filter((g) => g.binding.kind === 'ClusterRoleBinding')
  } else {
    const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource
    const keys = [combined, '*', ...(request.subresource ? [`*/${request.subresource}`] : [])]
    candidates = new Set(keys.flatMap((key) => model.byResource.get(key) ?? []))
  }
  const namespace = 'nonResourceURL' in request ? undefined : request.namespace
  const inScope = (grant: Grant) => grant.namespace === undefined || options.anyNamespace === true || (namespace !== undefined && grant.namespace === namespace)
  const matched: Grant[] = []
  for (const grant of candidates) if (inScope(grant) && ruleAllows(grant.rule, request)) matched.push(grant)
  return matched.sort((a, b) => a.seq - b.seq)
}

/**
 * Who can do this? Every bound subject (User, Group, ServiceAccount) with the path binding → role →
 * rule that allows it, like `kubectl who-can`. Groups are returned as groups: `system:authenticated`
 * here means every signed-in identity.
 * @example
 * whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'prod' })
 * // [{ subject: { kind: 'Group', name: 'ops' }, path: { binding: {…}, role: {…}, ruleIndex: 0 } }]
 */
export function whoCan(model: RbacModel, request: AccessRequest, options: { anyNamespace?: boolean } = {}): WhoCanEntry[] {
  const entries: WhoCanEntry[] = []
  for (const grant of grantsFor(model, request, options)) {
    for (const subject of grant.binding.subjects) entries.push({ subject, path: grant.path })
  }
  return entries
}
