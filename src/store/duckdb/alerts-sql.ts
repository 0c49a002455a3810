import type { Alert } from '../../core/index.js'
import type { AlertQuery, AlertTriage } from '../store.js'

/** The alert columns with triage joined in; `created_ms` is when the store first saw the alert. */
export const ALERT_SELECT = `SELECT a.doc, epoch_ms(a.created) AS created_ms, t.doc AS triage FROM alerts a LEFT JOIN alert_triage t ON t.id = a.id`

/**
 * WHERE for alert queries; status is the triaged one when there is triage.
 * @example alertWhere({ status: 'new' }) // { sql: 'WHERE coalesce(t.status, a.status) = $1', params: ['new'] }
 */
export function alertWhere(query: AlertQuery): { sql: string; params: (string | number)[] } {
  const clauses: string[] = []
  const params: (string | number)[] = []
  const add = (expr: string, value: string | number | undefined, op = '='): void => {
    if (value === undefined || value === '') return
    params.push(value)
    clauses.push(`${expr} ${op} $${params.length}`)
  }
  add('a.cluster', query.cluster)
  add('a.severity', query.severity)
  add('a.rule_id', query.ruleId)
  add('coalesce(t.status, a.status)', query.status)
  add(`json_extract_string(a.doc, '$.entity.namespace')`, query.namespace)
  add(`json_extract_string(a.doc, '$.entity.user')`, query.user)
  for (const [bound, op] of [[query.from, '>='], [query.to, '<']] as const) {
    if (!bound) continue
    params.push(Date.parse(bound))
    clauses.push(`a.last_seen ${op} epoch_ms($${params.length}::BIGINT)`)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

/** A joined row back into an alert with its triage on top. */
export function rowToAlert(row: Record<string, unknown>): Alert {
  const alert = JSON.parse(String(row.doc)) as Alert
  if (row.created_ms !== null && row.created_ms !== undefined) alert.detectedAt = new Date(Number(row.created_ms)).toISOString()
  if (row.triage) {
    const triage = JSON.parse(String(row.triage)) as AlertTriage
    alert.status = triage.status
    alert.assignee = triage.assignee
    alert.comments = triage.comments
    alert.ackAt = triage.ackAt
    alert.resolvedAt = triage.resolvedAt
  }
  return alert
}
