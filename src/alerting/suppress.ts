import type { Alert } from '../core/index.js'
import type { AlertException, RuleState, Store } from '../store/store.js'

/**
 * Whether an exception covers an alert: same rule, every listed entity field equal, not expired.
 * @example exceptionMatches({ ruleId: 'r1', fields: { user: 'ci' }, … }, alert, Date.now())
 */
export function exceptionMatches(exception: AlertException, alert: Alert, nowMs: number): boolean {
  if (exception.ruleId !== alert.rule.id) return false
  if (exception.expiresAt && Date.parse(exception.expiresAt) <= nowMs) return false
  const entity = alert.entity as unknown as Record<string, string | undefined>
  return Object.entries(exception.fields).every(([field, value]) => entity[field] === value)
}

/** Alerts that no unexpired exception covers and whose rule was not switched off. */
export function unsuppressed(alerts: Alert[], exceptions: AlertException[], states: RuleState[], nowMs: number): Alert[] {
  const off = new Set(states.filter((s) => !s.enabled).map((s) => s.ruleId))
  return alerts.filter((alert) => !off.has(alert.rule.id) && !exceptions.some((e) => exceptionMatches(e, alert, nowMs)))
}

/**
 * Drop suppressed alerts before they are stored; reads the (small) exception and rule-state
 * tables only when there is an alert to check.
 * @example const kept = await dropSuppressed(store, alerts)
 */
export async function dropSuppressed(store: Store, alerts: Alert[]): Promise<Alert[]> {
  if (alerts.length === 0) return alerts
  const [exceptions, states] = await Promise.all([store.listExceptions(), store.listRuleStates()])
  return unsuppressed(alerts, exceptions, states, Date.now())
}
