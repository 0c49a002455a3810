import type { AlertStatus } from '../core/index.js'

/** A role a person can hold (API tokens may also be `ingest`). */
export type UserRole = 'viewer' | 'analyst' | 'admin'

/** A kubesiem user; local users keep an argon2id hash, OIDC users none. */
export interface UserRecord {
  name: string
  role: UserRole
  source: 'local' | 'oidc'
  passwordHash?: string
  created: string
}

/** A browser session; `id` is the SHA-256 of the cookie value, never the value itself. */
export interface SessionRecord {
  id: string
  user: string
  role: UserRole
  /** Double-submit CSRF token, echoed by the UI in `x-csrf-token` on unsafe methods. */
  csrf: string
  created: string
  expiresAt: string
}

/** One of kubesiem's own actions: who did what to which object. */
export interface AuditEntry {
  time: string
  actor: string
  action: string
  target?: string
  detail?: Record<string, unknown>
}

/** An analyst comment on an alert. */
export interface AlertComment {
  time: string
  author: string
  text: string
}

/** Triage state kept beside the alert, so detection updating an alert never resets it. */
export interface AlertTriage {
  status: AlertStatus
  assignee?: string
  comments: AlertComment[]
  ackAt?: string
  resolvedAt?: string
  updatedBy?: string
}

/** "Suppress similar": alerts of `ruleId` whose entity fields equal `fields` are not raised until `expiresAt`. */
export interface AlertException {
  id: string
  ruleId: string
  /** Entity fields (cluster, user, namespace, resource) and the values they must equal. */
  fields: Record<string, string>
  expiresAt?: string
  reason: string
  createdBy: string
  created: string
}

/** A query-bar search a user saved. */
export interface SavedSearch {
  id: string
  owner: string
  name: string
  query: string
  created: string
}

/** A rule switched on or off in the UI; overrides the rule file's default. */
export interface RuleState {
  ruleId: string
  enabled: boolean
  changedBy: string
  changed: string
}

/** Top values of one event field. */
export interface FacetValue {
  value: string
  count: number
}

export const FACET_FIELDS = ['cluster', 'verb', 'user', 'namespace', 'resource', 'responseCode', 'userAgent', 'sourceIP'] as const
export type FacetField = (typeof FACET_FIELDS)[number]

/** Event count of one cluster in one time bucket. */
export interface ClusterBucket {
  start: string
  cluster: string
  count: number
}
