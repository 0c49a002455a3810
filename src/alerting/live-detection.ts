import type { KubeEvent } from '../core/index.js'
import { FirstSeenDetector } from '../rules/builtin/first-seen.js'
import { DetectionEngine } from '../rules/engine.js'
import type { RuleSet } from '../rules/rule-set.js'
import type { Store } from '../store/store.js'
import { AlertBus } from './bus.js'
import { detectEvents } from './detect-batch.js'
import { AlertGrouper } from './grouping.js'
import { dropSuppressed } from './suppress.js'

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
export async function startLiveDetection(store: Store, ruleSet: RuleSet, options: { firstSeen?: boolean } = {}): Promise<LiveDetection> {
  const firstSeen = options.firstSeen === false ? undefined : new FirstSeenDetector(await store.loadBaseline())
  const engine = new DetectionEngine(ruleSet, { detectors: firstSeen ? [firstSeen] : [] })
  const grouper = new AlertGrouper()
  const bus = new AlertBus()
  return {
    bus,
    engine,
    async onStored(events) {
      // Exceptions ("suppress similar") and rules switched off in the UI hold an alert back unstored.
      const alerts = await dropSuppressed(store, detectEvents(engine, grouper, events))
      // Stored before anything is sent: a crash after this line loses no alert.
      if (alerts.length > 0) await store.upsertAlerts(alerts)
      if (firstSeen) await store.appendBaseline(firstSeen.drainNew())
      bus.publish(alerts)
    },
  }
}
