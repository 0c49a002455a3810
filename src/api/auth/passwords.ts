import argon2 from 'argon2'
import { randomBytes } from 'node:crypto'

/**
 * Hash a password with argon2id (the library's defaults: 64 MiB, 3 passes, OWASP's minimum is 19 MiB / 2).
 * @example const hash = await hashPassword('correct horse')
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id })
}

/** Check a password against its stored hash; a malformed hash is a mismatch, never a throw. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

/**
 * A password for the first admin: 18 random bytes, base64url (144 bits).
 * @example generatePassword().length // 24
 */
export function generatePassword(): string {
  // A leading '-' reads as a flag when pasted into a command line: draw again.
  for (;;) {
    const password = randomBytes(18).toString('base64url')
    if (/^[A-Za-z0-9]/.test(password)) return password
  }
}
