import { payloadTextKept, type ForegroundGate } from '../core/index.js'
import type { DurableLog } from '../store/spool/spool-log.js'
import type { DeadLetter } from '../store/store.js'
import { prepareForStore, type IngestReport, type Pipeline, type StorableBatch } from './ingest.js'
import type { RedactOptions } from './redact/redact.js'
import { prepareBatch, type SourceRecord } from './stages.js'

/** The store cursor holding the last spooled line in the store: replay starts after it. */
export const SPOOL_CURSOR = 'ingest:spool'

/** What the webhook answers once a batch is spooled: read, accepted for storing, rejected and why. */
export interface IngestAck {
  read: number
  accepted: number
  rejected: number
  reasons: Record<string, number>
  errors: IngestReport['errors']
}

export interface SpoolOptions {
  redact?: RedactOptions
  /** Events spooled but not yet stored beyond which `accept` waits for the loader (backpressure). */
  maxQueuedEvents?: number
  /** Where a failed load goes; the loader retries it. */
  onError?: (error: unknown) => void
  /** How long the loader waits before retrying a batch the store refused. */
  retryMs?: number
  /** Posts in flight: the loader lets them finish before it stores the next batch. */
  gate?: ForegroundGate
  /** The longest the loader holds back for posts in flight (default HOLD_BACK_MS). */
  holdBackMs?: number
}

// Storing a batch holds this thread for a few ms (serializing its rows): a post that arrives then
// waits. The loader first lets posts in flight finish, but never holds back longer than this, and
// not at all (nor does detection) once more than BEHIND_EVENTS wait to be stored.
const HOLD_BACK_MS = 50
const BEHIND_EVENTS = 2000

interface Waiter {
  resolve: (report: IngestReport) => void
  reject: (error: unknown) => void
  report: IngestReport
}

interface Queued {
  seq: number
  batch: StorableBatch
  position: string
  waiter?: Waiter
}

// Each spooled line: the events' cluster, source and redacted payload, and the dead letters.
interface SpoolLine {
  events: [cluster: string, source: string, payload: Record<string, unknown>][]
  deadLetters: DeadLetter[]
}

/**
 * The webhook's write-ahead spool. kube-apiserver waits on each post, so a batch is acknowledged
 * once it is redacted and flushed to the spool on disk; a loader then stores the batches in
 * order (dedup, dead letters, detection) and records how far it got in the same transaction as
 * the events. After a crash, `open` replays what the store had not taken; dedup on (auditID,
 * stage) makes a replayed line that was in fact stored harmless.
 * @example
 * const spool = IngestSpool.open(await openSpoolLog(dir, await store.getCursor(SPOOL_CURSOR)), pipeline, {})
 * await spool.accept(records) // { read, accepted, rejected, … }
 */
export class IngestSpool {
  private readonly queue: Queued[] = []
  private queuedEvents = 0
  private accepted = 0
  private loaded = 0
  private loading: Promise<void> | undefined
  private progress: Array<() => void> = []
  private closed = false

  private constructor(
    private readonly log: DurableLog,
    private readonly pipeline: Pick<Pipeline, 'commit' | 'drain'>,
    private readonly options: SpoolOptions,
  ) {}

  /** Start on an open log: what it holds unconsumed is queued first, then loading begins. */
  static open(log: DurableLog, pipeline: Pick<Pipeline, 'commit' | 'drain'>, options: SpoolOptions = {}): IngestSpool {
    const spool = new IngestSpool(log, pipeline, options)
    for (const line of log.unconsumed) {
      const batch = spool.replayed(line.text, line.position)
      if (batch) spool.enqueue(batch, line.position)
    }
    spool.wake()
    return spool
  }

  /** Batches replayed from the log when this spool opened (what a crash left unstored). */
  get replayedBatches(): number {
    return this.log.unconsumed.length
  }

  /**
   * Prepare, spool and queue one post's records. Resolves once the batch is on disk, or with
   * `wait`, once it is in the store, with the full report (stored and duplicates).
   */
  async accept(records: SourceRecord[], options: { wait?: boolean } = {}): Promise<IngestAck | IngestReport> {
    if (this.closed) throw new Error('the ingest spool is closed')
    const { batch, report } = prepareForStore(records, this.options.redact ?? {})
    // Backpressure: past the cap, a post waits for the loader, so memory stays bounded.
    while (this.queuedEvents >= (this.options.maxQueuedEvents ?? 20_000)) await this.nextProgress()
    const position = await this.log.append(lineOf(batch))
    const queued = this.enqueue(batch, position)
    this.wake()
    if (options.wait) {
      return new Promise<IngestReport>((resolve, reject) => {
        queued.waiter = { resolve, reject, report }
      })
    }
    return { read: report.read, accepted: batch.events.length, rejected: report.rejected, reasons: report.reasons, errors: report.errors }
  }

  /** Resolves once every batch acknowledged before the call is stored and through detection. */
  async settled(): Promise<void> {
    const target = this.accepted
    while (this.loaded < target && !this.closed) await this.nextProgress()
    await this.pipeline.drain()
  }

  /** Stop taking posts, store what is queued, and close the log. */
  async close(): Promise<void> {
    this.closed = true
    await this.loading
    await this.log.close()
  }

  private enqueue(batch: StorableBatch, position: string): Queued {
    const queued: Queued = { seq: ++this.accepted, batch, position }
    this.queue.push(queued)
    this.countQueued(batch.events.length)
    return queued
  }

  // The gate hears when storing falls behind: holding back for posts then only slows them later.
  private countQueued(delta: number): void {
    this.queuedEvents += delta
    if (this.options.gate) this.options.gate.behind = this.queuedEvents > BEHIND_EVENTS
  }

  // A line that no longer parses (a damaged disk) is reported and skipped: the rest still loads.
  private replayed(text: string, position: string): StorableBatch | undefined {
    let line: SpoolLine
    try {
      line = JSON.parse(text) as SpoolLine
    } catch (error) {
      this.options.onError?.(new Error(`spool line ending at ${position} is unreadable and was skipped: ${(error as Error).message}`))
      return undefined
    }
    const records: SourceRecord[] = line.events.map(([cluster, source, payload], i) => ({ where: `spool item ${i}`, source, cluster, value: payload }))
    return { events: prepareBatch(records, this.options.redact ?? {}).events, deadLetters: line.deadLetters }
  }

  private nextProgress(): Promise<void> {
    return new Promise((resolve) => this.progress.push(resolve))
  }

  private signal(): void {
    const waiting = this.progress
    this.progress = []
    for (const resolve of waiting) resolve()
  }

  private wake(): void {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined
      if (this.queue.length > 0 && !this.closed) this.wake()
    })
  }

  private async load(): Promise<void> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!
      await this.options.gate?.idle(this.options.holdBackMs ?? HOLD_BACK_MS)
      try {
        const result = await this.pipeline.commit(head.batch, { name: SPOOL_CURSOR, value: head.position })
        head.waiter?.resolve({ ...head.waiter.report, stored: result.stored, duplicates: result.duplicates })
      } catch (error) {
        // The batch stays first in line (and in the log): the store may come back.
        this.options.onError?.(error)
        head.waiter?.reject(error)
        head.waiter = undefined
        if (this.closed) return
        await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000))
        continue
      }
      this.queue.shift()
      this.countQueued(-head.batch.events.length)
      this.loaded = head.seq
      this.log.release(head.position)
      this.signal()
    }
  }
}

// The line is built from each payload's JSON text, which the store then reuses instead of
// serializing the payload a second time.
function lineOf(batch: StorableBatch): string {
  const events = batch.events.map((event) => `[${JSON.stringify(event.cluster)},${JSON.stringify(event.source)},${payloadTextKept(event.payload)}]`)
  return `{"events":[${events.join(',')}],"deadLetters":${JSON.stringify(batch.deadLetters)}}`
}
