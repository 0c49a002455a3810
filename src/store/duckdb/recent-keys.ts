/** Options of {@link RecentKeys}. */
export interface RecentKeysOptions {
  /** Newest event time stored before this process opened the store (undefined: none). */
  storedBeforeMs?: number
  /** Keys older than this, in event time, behind the newest are forgotten. */
  windowMs?: number
  /** Keys kept at most; the first stored are forgotten first. */
  maxKeys?: number
}

/**
 * The (auditID, stage) keys this process stored lately, so that dedup of new events needs no
 * query: kube-apiserver's retries and a re-read log tail carry recent times. It answers only for
 * events it can vouch for: newer than anything stored before this process opened the store, and
 * not older than the keys it has forgotten; for the rest the store asks the database.
 * @example
 * const recent = new RecentKeys({ storedBeforeMs })
 * if (recent.covers(t)) duplicate = recent.has(key)
 */
export class RecentKeys {
  private readonly keys = new Map<string, number>()
  private readonly windowMs: number
  private readonly maxKeys: number
  private storedBeforeMs: number
  // Every key this process stored with a time >= lowMs is in `keys`.
  private lowMs = Number.NEGATIVE_INFINITY
  private newestMs = Number.NEGATIVE_INFINITY

  constructor(options: RecentKeysOptions = {}) {
    this.storedBeforeMs = options.storedBeforeMs ?? Number.NEGATIVE_INFINITY
    // kube-apiserver retries a batch within seconds; a re-read log tail is minutes old at most.
    this.windowMs = options.windowMs ?? 5 * 60_000
    this.maxKeys = options.maxKeys ?? 50_000
  }

  /** Whether {@link has} is the whole truth for an event of this time. */
  covers(timeMs: number): boolean {
    return timeMs > this.storedBeforeMs && timeMs >= this.lowMs
  }

  has(key: string): boolean {
    return this.keys.has(key)
  }

  /** Remember keys just stored (in the transaction that stores them). */
  add(entries: Iterable<{ key: string; timeMs: number }>): void {
    for (const { key, timeMs } of entries) {
      this.keys.set(key, timeMs)
      if (timeMs > this.newestMs) this.newestMs = timeMs
    }
    // Map order is insertion order: forget from the front, and stop vouching for those times.
    for (const [key, timeMs] of this.keys) {
      if (this.keys.size <= this.maxKeys && timeMs >= this.newestMs - this.windowMs) break
      this.keys.delete(key)
      this.lowMs = Math.max(this.lowMs, timeMs + 1)
    }
  }

  /**
   * Forget everything (a rollback or a retention run changed what is stored): vouch only for
   * events newer than any seen so far, which the database cannot hold yet.
   */
  reset(): void {
    this.keys.clear()
    this.storedBeforeMs = Math.max(this.storedBeforeMs, this.newestMs)
    this.lowMs = Number.NEGATIVE_INFINITY
  }
}
