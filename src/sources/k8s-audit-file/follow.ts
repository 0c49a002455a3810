import { open, stat, type FileHandle } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { SourceRecord } from '../../pipeline/stages.js'
import { splitLines } from './lines.js'
import { parseAuditLine } from './parse-line.js'

/** Where a follower stands in a file; saved with each stored batch. */
export interface FollowCursor {
  ino: number
  offset: number
  line: number
}

export interface FollowOptions {
  cluster: string
  /** Resume point from the store (same inode: continue; otherwise start the new file at 0). */
  cursor?: FollowCursor
  signal: AbortSignal
  /** How often to look for growth; kube-apiserver flushes its log every few hundred ms. */
  pollMs?: number
  batchSize?: number
}

export interface FollowBatch {
  records: SourceRecord[]
  cursor: FollowCursor
}

interface Position {
  handle: FileHandle
  ino: number
  offset: number
  line: number
}

async function openAt(path: string, cursor: FollowCursor | undefined): Promise<Position | undefined> {
  try {
    const handle = await open(path, 'r')
    const info = await handle.stat()
    const resume = cursor && cursor.ino === info.ino && cursor.offset <= info.size
    return { handle, ino: info.ino, offset: resume ? cursor.offset : 0, line: resume ? cursor.line : 0 }
  } catch {
    return undefined
  }
}

// Read complete lines from the position to the current end; a half-written last line waits.
async function* drain(path: string, pos: Position, options: FollowOptions): AsyncGenerator<FollowBatch> {
  const size = (await pos.handle.stat()).size
  if (size < pos.offset) {
    // Truncated in place (copytruncate rotation): the file starts over.
    pos.offset = 0
    pos.line = 0
  }
  if (size === pos.offset) return
  const stream = pos.handle.createReadStream({ start: pos.offset, end: size - 1, autoClose: false })
  let records: SourceRecord[] = []
  for await (const lines of splitLines(stream, { startOffset: pos.offset, startLine: pos.line + 1, emitPartial: false })) {
    for (const line of lines) {
      pos.offset = line.endOffset
      pos.line = line.number
      const record = parseAuditLine(line.bytes, `${path}:${line.number}`, options.cluster, 'k8s-audit')
      if (record) records.push(record)
      if (records.length >= (options.batchSize ?? 5000)) {
        yield { records, cursor: { ino: pos.ino, offset: pos.offset, line: pos.line } }
        records = []
      }
    }
  }
  yield { records, cursor: { ino: pos.ino, offset: pos.offset, line: pos.line } }
}

/**
 * Tail a growing audit log the way kube-apiserver writes it, across rotations (rename and
 * copytruncate), resuming from a saved cursor. Each batch carries the cursor to save with it.
 * @example for await (const b of followAuditFile(path, { cluster, signal })) await pipeline.ingest(b.records, { name, value: JSON.stringify(b.cursor) })
 */
export async function* followAuditFile(path: string, options: FollowOptions): AsyncGenerator<FollowBatch> {
  let pos = await openAt(path, options.cursor)
  try {
    while (!options.signal.aborted) {
      if (!pos) pos = await openAt(path, undefined)
      if (pos) {
        yield* drain(path, pos, options)
        const current = await stat(path).catch(() => undefined)
        if (current && current.ino !== pos.ino) {
          // Renamed away: finish what the old file still had, then start the new one from 0.
          yield* drain(path, pos, options)
          await pos.handle.close()
          pos = await openAt(path, undefined)
          continue
        }
      }
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined)
    }
  } finally {
    await pos?.handle.close()
  }
}
