import { setImmediate } from 'node:timers/promises'
import type { Alert, ForegroundGate, KubeEvent } from '../core/index.js'
import { FirstSeenDetector } from '../rules/builtin/first-seen.js'
import { DetectionEngine } from '../rules/engine.js'
import type { RuleSet } from '../rules/rule-set.js'
import type { Store } from '../store/store.js'
import { AlertBus } from './bus.js'
import { detectEvents } from './detect-batch.js'
import { AlertGrouper } from './grouping.js'
import { dropSuppressed } from './suppress.js'

// About 5 ms of rule evaluation per slice on this machine.
const DETECT_SLICE = 100
// The longest detection holds back for a webhook post in flight before its next slice.
const HOLD_BACK_MS = 50

export interface LiveDetection {
  bus: AlertBus
  engine: DetectionEngine
  /** The pipeline's `onStored`: detect, store the alerts (the outbox), then publish them. */
  onStored(events: KubeEvent[]): Promise<void>
}

/**
 * Detection as events arrive in the server: the rule set plus the first-seen rules, whose
 * baseline is read from the store at start and written back as it grows.
 * @example const live = await startLiveDetection(store, ruleSet); createPipeline({ store, onStored: live.onStored })
 */
export async function startLiveDetection(store: Store, ruleSet: RuleSet, options: { firstSeen?: boolean; gate?: ForegroundGate } = {}): Promise<LiveDetection> {
  const firstSeen = options.firstSeen === false ? undefined : new FirstSeenDetector(await store.loadBaseline())
  const engine = new DetectionEngine(ruleSet, { detectors: firstSeen ? [firstSeen] : [] })
  const grouper = new AlertGrouper()
  const bus = new AlertBus()
  return {
    bus,
    engine,
    async onStored(events) {
      // Detection yields the thread between slices, and holds back while a webhook post is in
      // flight, so a post (parse, spool, acknowledge) is not held behind a batch of rule evaluation.
      const detected = new Map<string, Alert>()
      for (let i = 0; i < events.length; i += DETECT_SLICE) {
        for (const alert of detectEvents(engine, grouper, events.slice(i, i + DETECT_SLICE))) detected.set(alert.id, alert)
        if (i + DETECT_SLICE < events.length) {
          await setImmediate()
          await options.gate?.idle(HOLD_BACK_MS)
        }
      }
      // Exceptions ("suppress similar") and rules switched off in the UI hold an alert back unstored.
      const alerts = await dropSuppressed(store, [...detected.values()])
      // Stored before anything is sent: a crash after this line loses no alert.
      if (alerts.length > 0) await store.upsertAlerts(alerts)
      if (firstSeen) await store.appendBaseline(firstSeen.drainNew())
      bus.publish(alerts)
    },
  }
}
