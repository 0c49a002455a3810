import { subjectKey, type RbacModel } from './model.js'
import type { GrantPath, PolicyRule, Subject } from './types.js'

/** An authenticated identity as the authorizer sees it. */
export interface Identity {
  user?: string
  groups: string[]
}

/** One rule the identity holds, and where it comes from. */
export interface HeldRule extends PolicyRule {
  path: GrantPath
}

const SA_PREFIX = 'system:serviceaccount:'

/**
 * The identity behind a subject: a ServiceAccount is the user `system:serviceaccount:<ns>:<name>`
 * in groups system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated; a user is
 * in system:authenticated (system:anonymous in system:unauthenticated); a group is just itself.
 * @example
 * identityOf({ kind: 'ServiceAccount', name: 'ci', namespace: 'build' }).groups
 * // ['system:serviceaccounts', 'system:serviceaccounts:build', 'system:authenticated']
 */
export function identityOf(subject: Subject): Identity {
  if (subject.kind === 'Group') return { groups: [subject.name] }
  if (subject.kind === 'ServiceAccount') {
    const ns = subject.namespace ?? 'default'
    return { user: `${SA_PREFIX}${ns}:${subject.name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] }
  }
  return { user: subject.name, groups: [subject.name === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated'] }
}

/**
 * Everything a subject (or identity) may do, like `kubectl auth can-i --list`: rules from
 * ClusterRoleBindings plus, with a namespace, that namespace's RoleBindings. Without a namespace
 * only cluster-wide rules are listed.
 * @example
 * canList(model, { kind: 'ServiceAccount', name: 'ci', namespace: 'build' }, 'build')
 */
export function canList(model: RbacModel, who: Subject | Identity, namespace?: string): HeldRule[] {
  const identity = 'kind' in who ? identityOf(who) : who
  const keys = identity.groups.map((group) => `Group:${group}`)
  if (identity.user !== undefined) {
    keys.push(`User:${identity.user}`)
    if (identity.user.startsWith(SA_PREFIX)) {
      const [ns, name] = identity.user.slice(SA_PREFIX.length).split(':')
      if (ns && name) keys.push(subjectKey({ kind: 'ServiceAccount', name, namespace: ns }))
    }
  }
  const held: HeldRule[] = []
  const seen = new Set<string>()
  for (const key of keys) {
    for (const grant of model.bySubject.get(key) ?? []) {
      if (grant.namespace !== undefined && grant.namespace !== namespace) continue
      const id = `${grant.binding.kind}/${grant.binding.namespace ?? ''}/${grant.binding.name}#${grant.ruleIndex}`
      if (seen.has(id)) continue
      seen.add(id)
      held.push({ ...grant.rule, path: grant.path })
    }
  }
  return held
}
