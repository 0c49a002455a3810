import type { RuleRef, Severity } from '../core/index.js'
import { RuleIndex } from './index-by-logsource.js'
import type { CompiledRule, Logsource } from './rule.js'
import type { RuleSet } from './rule-set.js'
import type { CorrelationRule } from './sigma/index.js'

/** The event as detection sees it: the native payload plus what an alert needs to name. */
export interface DetectableEvent {
  id: string
  /** Epoch milliseconds; correlation windows run on event time, not arrival time. */
  timeMs: number
  payload: Record<string, unknown>
  logsource?: Logsource
}

/** One rule firing on one event (or, for a correlation, on a group of events). */
export interface RuleHit {
  rule: RuleRef
  severity: Severity
  mitre: string[]
  summary: string
  eventIds: string[]
  firstMs: number
  lastMs: number
  /** The event that completed the match: the alert's entity comes from it. */
  event: DetectableEvent
  /** For correlations: the group-by values. */
  group?: Record<string, string>
}

export const AUDIT_LOGSOURCE: Logsource = { product: 'kubernetes', service: 'audit' }

/** A detector beside the rule set (the first-seen rules): same input, same hits. */
export interface EventDetector {
  evaluate(event: DetectableEvent): RuleHit[]
  /** The payload fields it reads (dotted paths). */
  readonly fields: readonly string[]
  /**
   * A fresh filter for one reader of a share of the events (a detection worker): false when the
   * event cannot change this detector's state or raise anything, given the events this filter
   * already passed. Lets a worker keep routine events to itself.
   */
  newcomerFilter(): (event: DetectableEvent) => boolean
}

/** One single-event rule matching one event: its number in the rule set, and its summary when it alerts alone. */
export interface RuleMatch {
  rule: number
  summary?: string
}

/** The payload fields an alert's entity comes from (see AlertGrouper). */
export const ALERT_ENTITY_FIELDS = ['user.username', 'objectRef.namespace', 'objectRef.resource', 'objectRef.subresource'] as const

/**
 * Runs a rule set over events: indexed single-event rules, then the correlations their matches
 * feed. Base rules that only feed correlations (Sigma `generate: false`) raise nothing alone.
 * Pure but for correlation state, which is bounded by each correlation's own caps.
 * @example
 * const engine = new DetectionEngine(buildRuleSet({ bundled }))
 * for (const hit of engine.evaluate({ id, timeMs, payload })) …
 */
export class DetectionEngine {
  private readonly index: RuleIndex
  private readonly feeds = new Map<string, CorrelationRule[]>()
  private readonly silentBase = new Set<string>()
  private readonly ruleNumbers = new Map<CompiledRule, number>()
  /** Matches per rule id, for reports and the cost-per-rule figure. */
  readonly hitsByRule = new Map<string, number>()

  constructor(
    readonly ruleSet: RuleSet,
    private readonly options: { anyLogsource?: boolean; detectors?: EventDetector[] } = {},
  ) {
    this.index = new RuleIndex(ruleSet.rules, { anyLogsource: options.anyLogsource })
    ruleSet.rules.forEach((rule, i) => this.ruleNumbers.set(rule, i))
    for (const correlation of ruleSet.correlations) {
      for (const id of correlation.consumes) {
        this.feeds.set(id, [...(this.feeds.get(id) ?? []), correlation])
        if (!correlation.generatesBase.has(id)) this.silentBase.add(id)
      }
    }
  }

  /** How many enabled single-event rules run. */
  get ruleCount(): number {
    return this.index.size
  }

  evaluate(event: DetectableEvent): RuleHit[] {
    return this.applyMatches(event, this.matchEvent(event))
  }

  /**
   * The stateless half of {@link evaluate}: which single-event rules match, each with its summary
   * when it alerts on its own. Safe to run in another thread on its own copy of the rule set.
   */
  matchEvent(event: DetectableEvent): RuleMatch[] {
    const matches: RuleMatch[] = []
    for (const rule of this.index.candidates(event.payload, this.options.anyLogsource ? undefined : event.logsource ?? AUDIT_LOGSOURCE)) {
      if (!rule.match(event.payload)) continue
      matches.push({ rule: this.ruleNumbers.get(rule)!, summary: this.silentBase.has(rule.ref.id) ? undefined : rule.summarize(event.payload) })
    }
    return matches
  }

  /**
   * The stateful half: count the matches, raise their hits, feed the correlations and the
   * detectors. Reads only {@link statefulFields} of the payload, so a projection of it will do.
   */
  applyMatches(event: DetectableEvent, matches: RuleMatch[]): RuleHit[] {
    const hits: RuleHit[] = []
    for (const match of matches) {
      const rule = this.ruleSet.rules[match.rule]
      this.hitsByRule.set(rule.ref.id, (this.hitsByRule.get(rule.ref.id) ?? 0) + 1)
      if (match.summary !== undefined) hits.push(singleHit(rule, event, match.summary))
      for (const correlation of this.feeds.get(rule.ref.id) ?? []) {
        for (const hit of correlation.observe(rule.ref.id, event.payload, event.timeMs, event.id)) {
          hits.push({ rule: hit.rule.ref, severity: hit.rule.severity, mitre: hit.rule.mitre, summary: correlationSummary(hit.rule, hit.group, hit.value), eventIds: hit.eventIds ?? [event.id], firstMs: hit.firstMs, lastMs: hit.lastMs, event, group: hit.group })
        }
      }
    }
    for (const detector of this.options.detectors ?? []) hits.push(...detector.evaluate(event))
    return hits
  }

  /**
   * Whether {@link applyMatches} would do anything with this event and these matches, judged by a
   * filter made by {@link newcomerFilter} for the same reader: a worker sends only those.
   */
  newcomerFilter(): (event: DetectableEvent, matches: RuleMatch[]) => boolean {
    const filters = (this.options.detectors ?? []).map((d) => d.newcomerFilter())
    return (event, matches) => {
      let needed = matches.length > 0
      // Every filter sees every event, so that each remembers what it passed.
      for (const filter of filters) if (filter(event)) needed = true
      return needed
    }
  }

  /** The payload fields {@link applyMatches} and alert grouping read: what a projection must keep. */
  statefulFields(): string[] {
    const fields = new Set<string>(ALERT_ENTITY_FIELDS)
    for (const correlation of this.ruleSet.correlations) for (const f of correlation.fields) fields.add(f)
    for (const detector of this.options.detectors ?? []) for (const f of detector.fields) fields.add(f)
    return [...fields]
  }

  /** Live correlation groups, summed: what bounds the engine's memory. */
  correlationState(): number {
    return this.ruleSet.correlations.reduce((sum, c) => sum + c.stateSize(), 0)
  }
}

function singleHit(rule: CompiledRule, event: DetectableEvent, summary: string): RuleHit {
  return { rule: rule.ref, severity: rule.severity, mitre: rule.mitre, summary, eventIds: [event.id], firstMs: event.timeMs, lastMs: event.timeMs, event }
}

function correlationSummary(rule: CorrelationRule, group: Record<string, string>, value: number): string {
  const by = Object.entries(group).map(([k, v]) => `${k}=${v}`).join(' ')
  return `${rule.ref.title}${by ? ` (${by})` : ''}: ${rule.type} ${value}`
}
