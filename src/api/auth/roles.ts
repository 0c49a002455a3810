/** Roles, each allowed everything of the ones before it; `ingest` may only post events. */
export const ROLES = ['ingest', 'viewer', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { ingest: 0, viewer: 1, analyst: 2, admin: 3 }

/**
 * Whether a credential's role may do what needs `required`. `ingest` is its own lane: an ingest
 * token cannot read, and readers cannot post events unless they are admin.
 * @example allows('admin', 'viewer') // true
 */
export function allows(role: Role, required: Role): boolean {
  if (required === 'ingest') return role === 'ingest' || role === 'admin'
  if (role === 'ingest') return false
  return RANK[role] >= RANK[required]
}
