/** Severity shared by alerts and findings, lowest first. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Where a rule came from; SigmaHQ rules keep their author and licence, as their licence asks. */
export interface RuleRef {
  id: string
  title: string
  source: 'sigma' | 'falco' | 'builtin'
  author?: string
  license?: string
}

/** What an alert is about: grouping folds repeats of one rule on one entity into one alert. */
export interface AlertEntity {
  cluster: string
  user?: string
  namespace?: string
  resource?: string
}

export type AlertStatus = 'new' | 'acknowledged' | 'resolved' | 'false_positive'

/** One alert: a rule that fired on one entity, possibly many times within the grouping window. */
export interface Alert {
  id: string
  rule: RuleRef
  severity: Severity
  mitre: string[]
  eventIds: string[]
  entity: AlertEntity
  firstSeen: string
  lastSeen: string
  count: number
  summary: string
  status: AlertStatus
  /** Triage, merged in by the store when read (never written by detection). */
  assignee?: string
  comments?: { time: string; author: string; text: string }[]
  ackAt?: string
  resolvedAt?: string
  /** When the store first saw the alert: `detectedAt - firstSeen` is the time to detect. */
  detectedAt?: string
}
