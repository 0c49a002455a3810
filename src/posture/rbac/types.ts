import type { Origin } from '../types.js'

/** One RBAC rule as in a Role or ClusterRole. */
export interface PolicyRule {
  verbs: string[]
  apiGroups: string[]
  resources: string[]
  resourceNames: string[]
  nonResourceURLs: string[]
}

/** A binding subject: `User`, `Group` or `ServiceAccount` (namespace filled in from the binding if unset). */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount'
  name: string
  namespace?: string
}

/** A reference to a Role, ClusterRole or binding. */
export interface ObjectRef {
  kind: string
  name: string
  namespace?: string
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>
}

/** A Role or ClusterRole with its effective rules (aggregation resolved). */
export interface RbacRole extends ObjectRef {
  kind: 'Role' | 'ClusterRole'
  labels: Record<string, string>
  rules: PolicyRule[]
  /** For each effective rule, the ClusterRole it was aggregated from (undefined: the role's own rule). */
  ruleSources: Array<string | undefined>
  aggregationRule?: LabelSelector[]
  origin?: Origin
  /** True when not in the input but assumed from the cluster's bootstrap policy. */
  builtin?: boolean
}

/** A RoleBinding or ClusterRoleBinding. */
export interface RbacBinding extends ObjectRef {
  kind: 'RoleBinding' | 'ClusterRoleBinding'
  roleRef: ObjectRef
  subjects: Subject[]
  origin?: Origin
}

/** How a permission reaches a subject: binding → role → rule. */
export interface GrantPath {
  binding: ObjectRef
  role: ObjectRef
  ruleIndex: number
  /** Set when the rule came into the role by aggregation. */
  aggregatedFrom?: string
}

/** One rule of one bound role, with the namespace it applies in (undefined: cluster-wide). */
export interface Grant {
  /** Position in the model, so answers come out in input order. */
  seq: number
  binding: RbacBinding
  role: RbacRole
  ruleIndex: number
  rule: PolicyRule
  namespace?: string
  path: GrantPath
}
