import type { Alert, AlertStatus } from '../../core/index.js'
import { KubesiemError } from '../../core/index.js'
import type { AlertTriage } from '../../store/store.js'

// new -> acknowledged -> resolved | false_positive; closing straight from new also acknowledges;
// a closed alert may be reopened to acknowledged.
const NEXT: Record<AlertStatus, AlertStatus[]> = {
  new: ['acknowledged', 'resolved', 'false_positive'],
  acknowledged: ['resolved', 'false_positive'],
  resolved: ['acknowledged'],
  false_positive: ['acknowledged'],
}

/** The triage an alert has now (status new and nothing else when never triaged). */
export function triageOf(alert: Alert): AlertTriage {
  return { status: alert.status, assignee: alert.assignee, comments: alert.comments ?? [], ackAt: alert.ackAt, resolvedAt: alert.resolvedAt }
}

/**
 * Apply a status change, stamping ackAt and resolvedAt; a forbidden move is a 409.
 * @example transition(alert, 'acknowledged', 'ann', '2026-03-01T10:00:00Z').ackAt // '2026-03-01T10:00:00Z'
 */
export function transition(alert: Alert, to: AlertStatus, by: string, now: string): AlertTriage {
  const triage = triageOf(alert)
  if (!NEXT[triage.status].includes(to)) throw new KubesiemError('KUBESIEM_TRIAGE_TRANSITION', { id: alert.id, from: triage.status, to })
  const closing = to === 'resolved' || to === 'false_positive'
  return {
    ...triage,
    status: to,
    ackAt: triage.ackAt ?? now,
    resolvedAt: closing ? now : undefined,
    updatedBy: by,
  }
}

/** Median and mean of durations in seconds, with how many there were. */
export interface DurationStats {
  count: number
  medianSeconds: number | null
  meanSeconds: number | null
}

function summarize(values: number[]): DurationStats {
  if (values.length === 0) return { count: 0, medianSeconds: null, meanSeconds: null }
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { count: values.length, medianSeconds: Math.round(median), meanSeconds: Math.round(values.reduce((a, b) => a + b, 0) / values.length) }
}

/** Time to detect (event to alert), acknowledge and resolve (both from detection). */
export interface ResponseTimes {
  ttd: DurationStats
  tta: DurationStats
  ttr: DurationStats
}

/**
 * TTD, TTA and TTR over the alerts detected in the last `days` days before `nowMs`.
 * @example responseTimes(alerts, 7, Date.now()).tta.medianSeconds
 */
export function responseTimes(alerts: Alert[], days: number, nowMs: number): ResponseTimes {
  const since = nowMs - days * 86_400_000
  const ttd: number[] = []
  const tta: number[] = []
  const ttr: number[] = []
  for (const alert of alerts) {
    const detected = Date.parse(alert.detectedAt ?? alert.firstSeen)
    if (detected < since || detected > nowMs) continue
    ttd.push(Math.max(0, (detected - Date.parse(alert.firstSeen)) / 1000))
    if (alert.ackAt) tta.push(Math.max(0, (Date.parse(alert.ackAt) - detected) / 1000))
    if (alert.resolvedAt) ttr.push(Math.max(0, (Date.parse(alert.resolvedAt) - detected) / 1000))
  }
  return { ttd: summarize(ttd), tta: summarize(tta), ttr: summarize(ttr) }
}
