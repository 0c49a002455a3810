/** Something to await before each new connection. */
export type RateLimiter = () => Promise<void>

/**
 * Space new connections evenly at `perSecond` over the whole scan (no bursts: a burst of SYNs is
 * what trips IDS alarms and small embedded stacks).
 * @example const take = createRateLimiter(200); await take()
 */
export function createRateLimiter(perSecond: number): RateLimiter {
  const gapMs = 1000 / perSecond
  let next = 0
  return () => {
    const now = performance.now()
    const at = Math.max(now, next)
    next = at + gapMs
    const wait = at - now
    return wait < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait))
  }
}
