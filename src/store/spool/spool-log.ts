import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs'
import { open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'

/** One line of the log and where the log stands once it is consumed ("segment:offset"). */
export interface LogLine {
  text: string
  position: string
}

/** A durable, ordered log of text lines: what is appended survives a crash once `append` resolves. */
export interface DurableLog {
  /** Lines past the consumed position the log was opened with, in order: what a crash left unconsumed. */
  readonly unconsumed: LogLine[]
  /** Append one line (no newline inside) and flush it to disk; resolves with its position. */
  append(text: string): Promise<string>
  /** Everything up to `position` is consumed: segments wholly before it may go. */
  release(position: string): void
  close(): Promise<void>
}

const SEGMENT = /^segment-(\d{8})\.log$/
// A segment is closed for appends past this size, and deleted once wholly consumed. Small, because
// freeing a file's blocks holds up every fsync on the file system meanwhile (ext4's journal):
// deleting 64 MB stalled the next post's flush for 90 ms, 8 MB for about 11.
const SEGMENT_BYTES = 8 * 1024 * 1024

const segmentName = (n: number): string => `segment-${String(n).padStart(8, '0')}.log`

function parsePosition(position: string | undefined): { segment: number; offset: number } | undefined {
  const m = position ? /^(\d+):(\d+)$/.exec(position) : null
  return m ? { segment: Number(m[1]), offset: Number(m[2]) } : undefined
}

/**
 * Open the log in `dir`: read what is left after `consumedThrough` (a crash's leftovers), cut a
 * torn last line (its append never resolved, so no one was told it was kept), drop wholly
 * consumed segments, and start a fresh segment for new lines.
 * @example const log = await openSpoolLog('data/spool', await store.getCursor(SPOOL_CURSOR))
 */
export async function openSpoolLog(dir: string, consumedThrough: string | undefined, options: { segmentBytes?: number } = {}): Promise<DurableLog> {
  mkdirSync(dir, { recursive: true })
  const done = parsePosition(consumedThrough)
  const segments = readdirSync(dir).flatMap((name) => {
    const m = SEGMENT.exec(name)
    return m ? [Number(m[1])] : []
  }).sort((a, b) => a - b)
  const unconsumed: LogLine[] = []
  const kept: number[] = []
  for (const segment of segments) {
    const path = join(dir, segmentName(segment))
    if (done && segment < done.segment) {
      rmSync(path, { force: true })
      continue
    }
    kept.push(segment)
    const bytes = readFileSync(path)
    const end = bytes.lastIndexOf(0x0a) + 1
    if (end < bytes.length) truncateSync(path, end)
    let start = 0
    while (start < end) {
      const stop = bytes.indexOf(0x0a, start)
      if (!done || segment > done.segment || stop + 1 > done.offset) unconsumed.push({ text: bytes.toString('utf8', start, stop), position: `${segment}:${stop + 1}` })
      start = stop + 1
    }
  }
  const log = new SpoolLog(dir, kept, (segments.at(-1) ?? 0) + 1, unconsumed, options.segmentBytes ?? SEGMENT_BYTES)
  await log.startSegment()
  return log
}

class SpoolLog implements DurableLog {
  private handle: FileHandle | undefined
  private size = 0
  // Appends run one at a time, so positions follow the order callers see.
  private tail: Promise<unknown> = Promise.resolve()
  private readonly removals: Promise<unknown>[] = []
  private nextSegment: Promise<FileHandle> | undefined

  constructor(
    private readonly dir: string,
    private readonly segments: number[],
    private current: number,
    readonly unconsumed: LogLine[],
    private readonly segmentBytes: number,
  ) {}

  async startSegment(): Promise<void> {
    this.handle = await this.createSegment(this.current)
    this.size = 0
  }

  // A new file's name must survive a crash too, so the folder is synced after creating it.
  private async createSegment(segment: number): Promise<FileHandle> {
    const handle = await open(join(this.dir, segmentName(segment)), 'a')
    this.segments.push(segment)
    const folder = await open(this.dir, 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
    return handle
  }

  append(text: string): Promise<string> {
    const next = this.tail.then(async () => {
      // The next segment is made while this one fills: switching costs no post a folder sync.
      if (this.size >= this.segmentBytes / 2 && !this.nextSegment) {
        this.nextSegment = this.createSegment(this.current + 1)
        // Awaited at the switch, which reports a failure; until then it must not count as unhandled.
        this.nextSegment.catch(() => undefined)
      }
      if (this.size >= this.segmentBytes) {
        const full = this.handle!
        this.handle = await this.nextSegment!
        this.nextSegment = undefined
        this.current += 1
        this.size = 0
        await full.close()
      }
      const bytes = Buffer.from(`${text}\n`, 'utf8')
      await this.handle!.appendFile(bytes)
      await this.handle!.datasync()
      this.size += bytes.length
      return `${this.current}:${this.size}`
    })
    this.tail = next.catch(() => undefined)
    return next
  }

  release(position: string): void {
    const at = parsePosition(position)
    if (!at) return
    while (this.segments.length > 0 && this.segments[0]! < at.segment) {
      // Off the event loop: unlinking takes milliseconds per megabyte.
      const path = join(this.dir, segmentName(this.segments.shift()!))
      this.removals.push(rm(path, { force: true }).catch(() => undefined))
    }
  }

  async close(): Promise<void> {
    await this.tail
    await Promise.all(this.removals)
    await (await this.nextSegment?.catch(() => undefined))?.close()
    await this.handle?.close()
    this.handle = undefined
  }
}
