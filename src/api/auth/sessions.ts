import { createHash, randomBytes } from 'node:crypto'
import type { SessionRecord, Store, UserRole } from '../../store/store.js'

export const SESSION_COOKIE = 'ks_session'
export const CSRF_COOKIE = 'ks_csrf'
export const CSRF_HEADER = 'x-csrf-token'

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/**
 * Browser sessions kept in the store by the SHA-256 of the cookie value, so a copy of the database
 * holds no live session.
 * @example
 * const sessions = new SessionManager(store, 720)
 * const { cookie, session } = await sessions.create('alice', 'analyst')
 */
export class SessionManager {
  constructor(
    private readonly store: Store,
    private readonly minutes: number,
  ) {}

  async create(user: string, role: UserRole): Promise<{ cookie: string; session: SessionRecord }> {
    const cookie = randomBytes(32).toString('base64url')
    const now = Date.now()
    const session: SessionRecord = {
      id: digest(cookie), user, role, csrf: randomBytes(24).toString('base64url'),
      created: new Date(now).toISOString(), expiresAt: new Date(now + this.minutes * 60_000).toISOString(),
    }
    await this.store.putSession(session)
    return { cookie, session }
  }

  resolve(cookie: string): Promise<SessionRecord | undefined> {
    return this.store.getSession(digest(cookie))
  }

  destroy(cookie: string): Promise<void> {
    return this.store.deleteSession(digest(cookie))
  }

  get maxAgeSeconds(): number {
    return this.minutes * 60
  }
}
