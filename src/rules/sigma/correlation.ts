import type { RuleRef, Severity } from '../../core/index.js'
import { meets, metricOf, type Bound, type CorrelationType } from './correlation-metric.js'
import { GroupWindows, type WindowLimits } from './correlation-window.js'
import { compileFieldPath, type FieldReader } from './field-path.js'

/** A correlation rule fired for one group. */
export interface CorrelationHit {
  rule: CorrelationRule
  group: Record<string, string>
  eventIds?: string[]
  firstMs: number
  lastMs: number
  value: number
}

/**
 * A compiled Sigma correlation rule. Feed it every match of the base rules it `consumes`; it keeps
 * bounded sliding-window state per group and returns a hit once the condition becomes true for a
 * group. The group's remembered events are then consumed, so it fires again only when a fresh set of
 * events meets the condition within one timespan (not on every further event of the same burst).
 * Base rules in `consumes` but not in `generatesBase` should not raise alerts of their own.
 * @example
 * for (const hit of corr.observe(rule.ref.id, event, Date.parse(ev.time), ev.id)) alerts.push(hit)
 */
export interface CorrelationRule {
  ref: RuleRef
  severity: Severity
  mitre: string[]
  tags: string[]
  type: string
  /** Ids of the base CompiledRules this correlation reads, through chained correlations too. */
  consumes: string[]
  /** Base rule ids that still alert on their own (`generate: true`). */
  generatesBase: Set<string>
  /** The event fields it reads (group-by and value fields, chained correlations' included). */
  fields: string[]
  observe(baseRuleId: string, event: Record<string, unknown>, timeMs: number, eventId?: string): CorrelationHit[]
  /** Live groups, inner chained correlations included. */
  stateSize(): number
}

/** A referenced rule: a base rule id, or a chained correlation (a fresh instance of it). */
export type CorrelationSource = { kind: 'base'; id: string } | { kind: 'correlation'; rule: CorrelationRule }

/** Everything a correlation rule is built from, already checked. */
export interface CorrelationSpec extends WindowLimits {
  ref: RuleRef
  severity: Severity
  mitre: string[]
  tags: string[]
  type: CorrelationType
  sources: CorrelationSource[]
  /** Per group-by name, the field to read for each source (aliases resolved). */
  groupBy: Array<{ name: string; fields: string[] }>
  /** The condition's `field` (several are read together), per source. */
  valueFields?: string[][]
  bounds: Bound[]
  generatesBase: Set<string>
}

const MAX_EVENT_IDS = 100

/**
 * Build the runtime of a correlation rule from its checked spec.
 * @example
 * const corr = createCorrelation(spec)
 * corr.observe('5638f7c0-…', event, 1_700_000_000_000)
 */
export function createCorrelation(spec: CorrelationSpec): CorrelationRule {
  const windows = new GroupWindows(spec)
  const groupReaders: FieldReader[][] = spec.sources.map((_, i) => spec.groupBy.map((g) => compileFieldPath(g.fields[i])))
  const valueReaders = spec.valueFields?.map((fields) => fields.map((f) => compileFieldPath(f)))
  const consumes = new Set<string>()
  for (const s of spec.sources) {
    if (s.kind === 'base') consumes.add(s.id)
    else s.rule.consumes.forEach((id) => consumes.add(id))
  }
  const self: CorrelationRule = {
    ref: spec.ref,
    severity: spec.severity,
    mitre: spec.mitre,
    tags: spec.tags,
    type: spec.type,
    consumes: [...consumes],
    generatesBase: spec.generatesBase,
    fields: [
      ...new Set([
        ...spec.groupBy.flatMap((g) => g.fields),
        ...(spec.valueFields ?? []).flat(),
        ...spec.sources.flatMap((s) => (s.kind === 'correlation' ? s.rule.fields : [])),
      ]),
    ],
    observe(baseRuleId, event, timeMs, eventId) {
      if (!consumes.has(baseRuleId)) return []
      const hits: CorrelationHit[] = []
      spec.sources.forEach((source, i) => {
        if (source.kind === 'base') {
          if (source.id === baseRuleId) add(i, event, timeMs, eventId, hits)
          return
        }
        for (const inner of source.rule.observe(baseRuleId, event, timeMs, eventId)) add(i, { ...event, ...inner.group }, inner.lastMs, eventId, hits)
      })
      return hits
    },
    stateSize() {
      return windows.size() + spec.sources.reduce((n, s) => n + (s.kind === 'correlation' ? s.rule.stateSize() : 0), 0)
    },
  }

  function add(i: number, event: Record<string, unknown>, t: number, id: string | undefined, hits: CorrelationHit[]): void {
    const group: Record<string, string> = {}
    const keyParts: string[] = []
    spec.groupBy.forEach((g, j) => {
      const v = first(groupReaders[i][j], event) ?? ''
      group[g.name] = v
      keyParts.push(v)
    })
    // One group-by field (the common case) keys by its value alone: the same groups, without a JSON text per event.
    const key = keyParts.length === 1 ? keyParts[0] : JSON.stringify(keyParts)
    const value = valueReaders ? joined(valueReaders[i], event) : undefined
    const state = windows.add(key, group, { t, ref: i, value, id })
    const metric = metricOf(spec.type, state, spec.sources.length)
    if (!meets(metric, spec.bounds)) return
    const ids: string[] = []
    for (const e of state.entries) if (e.id !== undefined) ids.push(e.id)
    hits.push({
      rule: self,
      group,
      ...(ids.length ? { eventIds: ids.slice(-MAX_EVENT_IDS) } : {}),
      firstMs: state.entries.at(0)!.t,
      lastMs: state.lastMs,
      value: metric,
    })
    windows.consume(key)
  }

  return self
}

function first(read: FieldReader, event: Record<string, unknown>): string | undefined {
  const texts = read(event).texts()
  for (let i = 0; i < texts.length; i++) if (texts[i] !== undefined) return texts[i]
  return undefined
}

function joined(readers: FieldReader[], event: Record<string, unknown>): string | undefined {
  const parts = readers.map((r) => first(r, event))
  if (parts.every((p) => p === undefined)) return undefined
  return parts.length === 1 ? parts[0] : JSON.stringify(parts)
}
