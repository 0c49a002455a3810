import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { newId } from '../../core/index.js'
import type { Role } from './roles.js'

/** A stored credential: only the SHA-256 of the token is kept. */
export interface StoredToken {
  id: string
  name: string
  role: Role
  sha256: string
  created: string
}

// Tokens are 256 random bits, so a fast hash is right here (as GitHub does for its tokens);
// passwords, which people choose, get argon2 in the login issue.
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/**
 * API tokens kept hashed in `<dataDir>/credentials.json` (mode 0600).
 * @example
 * const tokens = new TokenStore('./data')
 * const { token } = tokens.create('ci', 'ingest') // shown once
 * tokens.verify(token)?.role // 'ingest'
 */
export class TokenStore {
  private readonly file: string
  private tokens: StoredToken[]

  constructor(dataDir: string) {
    this.file = join(dataDir, 'credentials.json')
    this.tokens = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as StoredToken[]) : []
  }

  isEmpty(): boolean {
    return this.tokens.length === 0
  }

  /** Create a token; the plain value is returned once and never stored. */
  create(name: string, role: Role): { token: string; record: StoredToken } {
    const token = `ks_${randomBytes(32).toString('base64url')}`
    const record: StoredToken = { id: newId(), name, role, sha256: digest(token).toString('hex'), created: new Date().toISOString() }
    this.tokens = [...this.tokens.filter((t) => t.name !== name), record]
    this.save()
    return { token, record }
  }

  verify(token: string): StoredToken | undefined {
    const presented = digest(token)
    return this.tokens.find((t) => timingSafeEqual(Buffer.from(t.sha256, 'hex'), presented))
  }

  list(): Omit<StoredToken, 'sha256'>[] {
    return this.tokens.map(({ sha256: _hidden, ...rest }) => rest)
  }

  private save(): void {
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.tokens, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
  }
}
