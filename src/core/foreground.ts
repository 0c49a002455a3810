// Background work may hold back for at most this share of the time, saved up to MAX_HELD_MS:
// under a steady flood of posts it keeps its pace (a spool that never drains would slow every
// post through backpressure), and between posts the allowance refills.
const HOLD_SHARE = 0.25
const MAX_HELD_MS = 50

/**
 * Work someone is waiting on (a webhook post: kube-apiserver holds its batch until answered),
 * against background work on the same thread (storing spooled batches, detection). Background
 * work asks `idle` between its slices and holds back while a post is in flight, within a bound
 * per call and an allowance over time, so it can never starve.
 * @example
 * app.addHook('onRequest', async () => gate.begin()); app.addHook('onResponse', async () => gate.end())
 * for (const slice of slices) { await gate.idle(50); work(slice) }
 */
export class ForegroundGate {
  private inFlight = 0
  private waiters: Array<() => void> = []
  private readonly maxHeldMs: number
  private allowanceMs: number
  private refilledAt = performance.now()
  /** Set by background work that is falling behind: holding back then would only slow posts later. */
  behind = false

  constructor(options: { maxHeldMs?: number } = {}) {
    this.maxHeldMs = options.maxHeldMs ?? MAX_HELD_MS
    this.allowanceMs = this.maxHeldMs
  }

  begin(): void {
    this.inFlight += 1
  }

  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1)
    if (this.inFlight > 0) return
    const waiting = this.waiters
    this.waiters = []
    for (const resolve of waiting) resolve()
  }

  /** Resolves when no foreground work is in flight, or after `maxMs` (or the allowance left) at the latest. */
  idle(maxMs: number): Promise<void> {
    if (this.inFlight === 0 || this.behind) return Promise.resolve()
    const now = performance.now()
    this.allowanceMs = Math.min(this.maxHeldMs, this.allowanceMs + (now - this.refilledAt) * HOLD_SHARE)
    this.refilledAt = now
    const bound = Math.min(maxMs, this.allowanceMs)
    if (bound < 1) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.allowanceMs -= performance.now() - now
        resolve()
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        done()
      }, bound)
      this.waiters.push(done)
    })
  }
}
