import { toAuditEvent, type DemoRequest } from './audit-event.js'
import { BENIGN_ACTORS } from './actors.js'
import { ATTACK_STEPS } from './attacks.js'
import { fakeUuid, seededRandom } from './random.js'

export interface DemoOptions {
  /** How many benign requests (the attacks come on top). */
  events?: number
  seed?: number
  /** When the stream ends; events spread over `spanMinutes` before it. */
  end?: Date
  spanMinutes?: number
}

/** Where the fixed demo stream ends when no end is given, so `demo generate` is byte-for-byte stable. */
export const DEMO_EPOCH = new Date('2026-03-02T12:00:00.000Z')

function pickWeighted<T extends { weight: number }>(rand: () => number, items: readonly T[], total: number): T {
  let roll = rand() * total
  for (const item of items) {
    roll -= item.weight
    if (roll < 0) return item
  }
  return items[items.length - 1]!
}

/**
 * A deterministic, realistic audit stream of a multi-namespace cluster, with a few attacks woven
 * in two-thirds of the way through. Same options, same events.
 * @example generateDemoEvents({ events: 5000 }).length // 5007
 */
export function generateDemoEvents(options: DemoOptions = {}): Record<string, unknown>[] {
  const count = options.events ?? 5000
  const rand = seededRandom(options.seed ?? 20260302)
  const end = (options.end ?? DEMO_EPOCH).getTime()
  const span = (options.spanMinutes ?? 360) * 60_000
  const start = end - span
  const totalWeight = BENIGN_ACTORS.reduce((sum, a) => sum + a.weight, 0)
  const requests: DemoRequest[] = []
  for (let i = 0; i < count; i++) {
    const actor = pickWeighted(rand, BENIGN_ACTORS, totalWeight)
    requests.push({ auditID: fakeUuid(rand), time: start + Math.floor((i / count) * span), ...actor.routine(rand) })
  }
  const attackStart = start + Math.floor(span * 0.66)
  ATTACK_STEPS.forEach((step, i) => requests.push({ auditID: fakeUuid(rand), time: attackStart + i * 45_000, ...step }))
  // The exec's two stages share one auditID, as kube-apiserver writes them.
  const execStarted = requests.findIndex((r) => r.stage === 'ResponseStarted')
  if (execStarted >= 0 && requests[execStarted + 1]) requests[execStarted + 1]!.auditID = requests[execStarted]!.auditID
  requests.sort((a, b) => a.time - b.time)
  return requests.map(toAuditEvent)
}
