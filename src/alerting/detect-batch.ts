import { utcMs, type Alert, type KubeEvent } from '../core/index.js'
import type { DetectionEngine } from '../rules/engine.js'
import type { AlertGrouper } from './grouping.js'

/**
 * Run detection over normalized events in order and fold the hits into alerts. Returns the alerts
 * created or updated, latest version of each, in the order they first fired.
 * @example const changed = detectEvents(engine, grouper, storedEvents)
 */
export function detectEvents(engine: DetectionEngine, grouper: AlertGrouper, events: KubeEvent[]): Alert[] {
  const changed = new Map<string, Alert>()
  for (const event of events) {
    for (const hit of engine.evaluate({ id: event.id, timeMs: utcMs(event.time), payload: event.payload })) {
      const alert = grouper.add(hit, event.cluster)
      changed.set(alert.id, alert)
    }
  }
  return [...changed.values()]
}
