import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stableId } from '../core/index.js'

// When a server owns the store, a follower keeps its cursor beside it, written after each
// acknowledged batch: at worst a batch is sent twice, and dedup drops the copy.
function cursorFile(dataDir: string, name: string): string {
  return join(dataDir, 'cursors', `${stableId(name)}.json`)
}

/** The saved cursor of a follower that posts to a server. */
export function readCursor(dataDir: string, name: string): string | undefined {
  const file = cursorFile(dataDir, name)
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/** Save it atomically (write, then rename). */
export function writeCursor(dataDir: string, name: string, value: string): void {
  const file = cursorFile(dataDir, name)
  mkdirSync(join(dataDir, 'cursors'), { recursive: true })
  writeFileSync(`${file}.tmp`, value)
  renameSync(`${file}.tmp`, file)
}
