import { KubesiemError } from '../../core/errors.js'
import { buildRbacModel, canList, formatGrantPath, whoCan, type AccessRequest, type ResourceRequest, type Subject } from '../../posture/rbac/index.js'
import { formatJsonLines, formatTable } from '../format.js'
import { readPostureInput, type InputFlags } from '../../sources/cluster-objects/read-input.js'

/** Flags shared by `rbac who-can` and `rbac can`. */
export interface RbacFlags extends InputFlags {
  namespace?: string
  name?: string
  format?: string
}

/**
 * Parse `RESOURCE` as kubectl does: `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale`,
 * or a non-resource URL starting with `/`.
 * @example
 * parseAccessRequest('create', 'deployments.apps/scale', 'prod')
 * // { verb: 'create', resource: 'deployments', subresource: 'scale', apiGroup: 'apps', namespace: 'prod' }
 */
export function parseAccessRequest(verb: string, resource: string, namespace?: string, name?: string): AccessRequest {
  if (resource.startsWith('/')) return { verb, nonResourceURL: resource }
  const [typed, subresource] = resource.split('/', 2)
  const dot = typed.indexOf('.')
  const request: ResourceRequest = { verb, resource: dot < 0 ? typed : typed.slice(0, dot), apiGroup: dot < 0 ? '' : typed.slice(dot + 1) }
  if (subresource) request.subresource = subresource
  if (namespace) request.namespace = namespace
  if (name) request.name = name
  return request
}

/**
 * Parse a subject: `User:alice`, `Group:ops`, `ServiceAccount:ns:name`, `system:serviceaccount:ns:name`,
 * or a bare name (a User).
 * @example
 * parseSubject('system:serviceaccount:ci:deployer') // { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }
 */
export function parseSubject(text: string): Subject {
  const sa = /^(?:system:serviceaccount|ServiceAccount):([^:]+):([^:]+)$/.exec(text)
  if (sa) return { kind: 'ServiceAccount', namespace: sa[1], name: sa[2] }
  const typed = /^(User|Group):(.+)$/.exec(text)
  if (typed) return { kind: typed[1] as 'User' | 'Group', name: typed[2] }
  if (text === '' || text.startsWith('ServiceAccount:')) throw new KubesiemError('KUBESIEM_POSTURE_BAD_SUBJECT', { subject: text })
  return { kind: 'User', name: text }
}

/**
 * `kubesiem rbac who-can VERB RESOURCE [-n NS] PATH...`: every subject allowed, with binding → role → rule.
 * Without -n, grants in any namespace count (the scope column says where).
 * @example
 * await runWhoCan('get', 'secrets', ['dump.json'], { namespace: 'prod' }, console.log)
 */
export async function runWhoCan(verb: string, resource: string, paths: string[], flags: RbacFlags, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { objects, problems } = await readPostureInput(paths, flags, 'rbac who-can')
  for (const p of problems) err(p.message)
  const request = parseAccessRequest(verb, resource, flags.namespace, flags.name)
  const entries = whoCan(buildRbacModel(objects), request, { anyNamespace: !flags.namespace })
  const rows = entries.map((e) => ({
    kind: e.subject.kind,
    name: e.subject.name,
    namespace: e.subject.namespace ?? '',
    scope: e.path.binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : (e.path.binding.namespace ?? ''),
    via: formatGrantPath(e.path),
  }))
  if (rows.length > 0) out(flags.format === 'json' ? formatJsonLines(rows) : formatTable(rows, ['kind', 'name', 'namespace', 'scope', 'via']))
  err(`${rows.length} grants allow ${verb} ${resource}${flags.namespace ? ` in ${flags.namespace}` : ' (any namespace)'}`)
  return rows.length
}

/**
 * `kubesiem rbac can SUBJECT [-n NS] PATH...`: what the subject may do, like `kubectl auth can-i --list`
 * for anyone: cluster-wide rules, plus the namespace's with -n.
 * @example
 * await runCan('ServiceAccount:ci:deployer', ['dump.json'], { namespace: 'ci' }, console.log, console.error)
 */
export async function runCan(subject: string, paths: string[], flags: RbacFlags, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const who = parseSubject(subject)
  const { objects, problems } = await readPostureInput(paths, flags, 'rbac can')
  for (const p of problems) err(p.message)
  const held = canList(buildRbacModel(objects), who, flags.namespace)
  const rows = held.map((rule) => ({
    resources: rule.resources.flatMap((r) => rule.apiGroups.map((g) => (g === '' ? r : `${r}.${g}`))).join(','),
    nonResourceURLs: rule.nonResourceURLs.join(','),
    resourceNames: rule.resourceNames.join(','),
    verbs: rule.verbs.join(','),
    via: formatGrantPath(rule.path),
  }))
  if (rows.length > 0) out(flags.format === 'json' ? formatJsonLines(rows) : formatTable(rows, ['resources', 'nonResourceURLs', 'resourceNames', 'verbs', 'via']))
  err(`${rows.length} rules held by ${who.kind} ${who.namespace ? `${who.namespace}/` : ''}${who.name}${flags.namespace ? ` in ${flags.namespace}` : ' (cluster-wide only; add -n NS for a namespace)'}`)
  return rows.length
}
