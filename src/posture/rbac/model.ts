import type { KubeObject, SourcedObject } from '../types.js'
import { resolveAggregation } from './aggregate.js'
import { BUILTIN_ROLE_NAMES, builtinClusterRoles } from './builtin-roles.js'
import { decodeBinding, decodeRole } from './decode.js'
import type { Grant, RbacBinding, RbacRole } from './types.js'

/** The cluster's RBAC, flattened into grants and indexed for fast who-can and can-list queries. */
export interface RbacModel {
  roles: Map<string, RbacRole>
  clusterRoles: Map<string, RbacRole>
  bindings: RbacBinding[]
  grants: Grant[]
  /** Grants by each resource string of their rule (`pods`, `pods/exec`, `*`, `*\/scale`). */
  byResource: Map<string, Grant[]>
  /** Grants whose rule lists nonResourceURLs. */
  nonResource: Grant[]
  /** Grants by bound subject key (see subjectKey). */
  bySubject: Map<string, Grant[]>
  /** Bindings whose role is not in the input (the binding grants nothing until it exists). */
  danglingBindings: RbacBinding[]
}

/**
 * Key of a bound subject: `User:alice`, `Group:devs`, `ServiceAccount:ns:name`.
 * @example
 * subjectKey({ kind: 'ServiceAccount', name: 'ci', namespace: 'build' }) // 'ServiceAccount:build:ci'
 */
export function subjectKey(subject: { kind: string; name: string; namespace?: string }): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount:${subject.namespace ?? ''}:${subject.name}` : `${subject.kind}:${subject.name}`
}

/**
 * Build the RBAC model from decoded objects: Roles, ClusterRoles (aggregation resolved),
 * RoleBindings (to a Role, or to a ClusterRole scoped to the binding's namespace) and ClusterRoleBindings.
 * @example
 * const model = buildRbacModel(objects)
 * whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'prod' })
 */
export function buildRbacModel(objects: Array<SourcedObject | KubeObject>): RbacModel {
  const model: RbacModel = {
    roles: new Map(),
    clusterRoles: new Map(),
    bindings: [],
    grants: [],
    byResource: new Map(),
    nonResource: [],
    bySubject: new Map(),
    danglingBindings: [],
  }
  for (const item of objects) {
    const sourced = 'object' in item && 'origin' in item ? (item as SourcedObject) : { object: item as KubeObject, origin: { file: '<input>', line: 0 } }
    const role = decodeRole(sourced)
    if (role?.kind === 'Role') model.roles.set(`${role.namespace}/${role.name}`, role)
    else if (role) model.clusterRoles.set(role.name, role)
    const binding = decodeBinding(sourced)
    if (binding) model.bindings.push(binding)
  }
  // Bootstrap roles referenced but absent (rendered charts bind `edit` without shipping it) are assumed.
  const missing = model.bindings.some((b) => b.roleRef.kind === 'ClusterRole' && BUILTIN_ROLE_NAMES.has(b.roleRef.name) && !model.clusterRoles.has(b.roleRef.name))
  if (missing) for (const role of builtinClusterRoles()) if (!model.clusterRoles.has(role.name)) model.clusterRoles.set(role.name, role)
  resolveAggregation(model.clusterRoles)
  for (const binding of model.bindings) {
    const role =
      binding.roleRef.kind === 'Role' && binding.kind === 'RoleBinding'
        ? model.roles.get(`${binding.namespace}/${binding.roleRef.name}`)
        : binding.roleRef.kind === 'ClusterRole'
          ? model.clusterRoles.get(binding.roleRef.name)
          : undefined
    if (!role) {
      model.danglingBindings.push(binding)
      continue
    }
    role.rules.forEach((rule, ruleIndex) => {
      const grant: Grant = {
        seq: model.grants.length,
        binding,
        role,
        ruleIndex,
        rule,
        namespace: binding.namespace,
        path: {
          binding: { kind: binding.kind, name: binding.name, namespace: binding.namespace },
          role: { kind: role.kind, name: role.name, namespace: role.namespace },
          ruleIndex,
          aggregatedFrom: role.ruleSources[ruleIndex],
        },
      }
      model.grants.push(grant)
      for (const resource of new Set(rule.resources)) push(model.byResource, resource, grant)
      if (rule.nonResourceURLs.length > 0) model.nonResource.push(grant)
      for (const subject of binding.subjects) push(model.bySubject, subjectKey(subject), grant)
    })
  }
  return model
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
