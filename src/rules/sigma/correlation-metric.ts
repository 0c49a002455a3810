import type { GroupState } from './correlation-window.js'

/** The correlation types of Sigma 2.1. */
export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'] as const
export type CorrelationType = (typeof CORRELATION_TYPES)[number]

/** Types whose condition names a `field`. */
export const NEEDS_FIELD: ReadonlySet<string> = new Set(['value_count', 'value_sum', 'value_avg', 'value_percentile'])

/**
 * The number a correlation condition is tested against, from the entries of one group's window.
 * value_percentile is the share (0-100) of the window's events whose field equals the newest event's
 * value: `lte: 1` finds a value seen in at most 1% of a group's events (a rare process name).
 * temporal_ordered counts how many of the rules appeared in the given order.
 * @example
 * metricOf('event_count', groupState, 2) // groupState.entries.length
 */
export function metricOf(type: CorrelationType, state: GroupState, ruleCount: number): number {
  const entries = state.entries
  switch (type) {
    case 'event_count':
      return entries.length
    case 'value_count':
      return state.values.size
    case 'value_sum':
      return state.sum
    case 'value_avg':
      return state.numeric ? state.sum / state.numeric : 0
    case 'value_percentile': {
      const current = entries.at(entries.length - 1)?.value
      if (current === undefined) return 100
      return (100 * (state.values.get(current) ?? 0)) / entries.length
    }
    case 'temporal':
      return state.refs.size
    case 'temporal_ordered': {
      // The order can get no further than the first rule with no entry in the window: most groups
      // (an identity that writes workloads but never changes RBAC) stop at 0 without a scan.
      let reachable = 0
      while (reachable < ruleCount && state.refs.has(reachable)) reachable++
      let next = 0
      for (let i = 0; i < entries.length && next < reachable; i++) if (entries.at(i)!.ref === next) next++
      return next
    }
  }
}

/** One `gt/gte/lt/lte/eq/neq` bound of a correlation condition (several are ANDed). */
export interface Bound {
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'
  value: number
}

/**
 * Test a metric against every bound.
 * @example
 * meets(5, [{ op: 'gte', value: 5 }]) // true
 */
export function meets(n: number, bounds: Bound[]): boolean {
  return bounds.every((b) => {
    switch (b.op) {
      case 'gt':
        return n > b.value
      case 'gte':
        return n >= b.value
      case 'lt':
        return n < b.value
      case 'lte':
        return n <= b.value
      case 'eq':
        return n === b.value
      case 'neq':
        return n !== b.value
    }
  })
}
