import { isObject, stableId, utcMs } from '../../core/index.js'
import { auditTimeMs } from '../../pipeline/normalize/k8s-audit.js'
import { prepareRecords, type SourceRecord } from '../../pipeline/stages.js'
import { FirstSeenDetector } from '../../rules/builtin/first-seen.js'
import { DetectionEngine, type DetectableEvent } from '../../rules/engine.js'
import type { RuleSet } from '../../rules/rule-set.js'

/** An event read from a file for offline detection, with the cluster its alerts belong to. */
export interface OfflineEvent extends DetectableEvent {
  cluster: string
}

/** A batch of records as detection sees it: its events in order, and why the others were rejected. */
export interface OfflineBatch {
  events: OfflineEvent[]
  rejected: string[]
}

/**
 * Prepare a batch of file records (decode, redact, normalize) into detectable events. With
 * `anyLogsource`, a JSON object that is not an audit event is still an event: the rules decide
 * what it is (Falco traces, other JSON Lines sources).
 * @example const { events, rejected } = offlineBatch(records, { cluster: 'prod' })
 */
export function offlineBatch(records: SourceRecord[], options: { cluster: string; anyLogsource?: boolean }): OfflineBatch {
  // Decoded and redacted like stored events, without the envelope, which detection never reads.
  const prepared = prepareRecords(records, {}, (payload, record): OfflineEvent => ({ id: String(payload.auditID), timeMs: auditTimeMs(payload), payload, cluster: record.cluster }))
  const events = prepared.events
  const rejected: string[] = []
  for (const r of prepared.rejections) {
    if (options.anyLogsource && isObject(r.value)) {
      const payload = r.value
      const id = String(payload.auditID ?? payload.id ?? stableId(r.where))
      events.push({ id, timeMs: utcMs(String(payload.time ?? payload.timestamp ?? '')) || 0, payload, cluster: options.cluster })
    } else rejected.push(r.error.message)
  }
  return { events, rejected }
}

/** How offline detection builds its engine: the same in every thread, so they agree on rules and fields. */
export interface OfflineEngineOptions {
  anyLogsource?: boolean
  /** The first-seen rules, which come with the bundled pack. */
  firstSeen?: boolean
}

/**
 * The engine of offline detection. A worker thread builds the same one for its matches and for
 * the fields its projections keep (statefulFields).
 * @example const engine = offlineEngine(ruleSet, { firstSeen: true })
 */
export function offlineEngine(ruleSet: RuleSet, options: OfflineEngineOptions): DetectionEngine {
  return new DetectionEngine(ruleSet, { anyLogsource: options.anyLogsource, detectors: options.firstSeen ? [new FirstSeenDetector()] : [] })
}
