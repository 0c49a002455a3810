import type { EventQuery } from '../store.js'

/** A SQL condition with positional parameters ($1, $2 …). */
export interface SqlWhere {
  sql: string
  params: (string | number)[]
}

const EQUALITY_FILTERS = [
  ['cluster', 'cluster'],
  ['user', 'user_name'],
  ['verb', 'verb'],
  ['resource', 'resource'],
  ['namespace', 'namespace'],
  ['name', 'name'],
] as const

/**
 * Build the WHERE clause for an event query; values always travel as parameters.
 * @example buildEventWhere({ verb: 'create', from: '2026-01-01T00:00:00Z' })
 */
export function buildEventWhere(query: EventQuery): SqlWhere {
  const clauses: string[] = []
  const params: (string | number)[] = []
  const param = (value: string | number): string => {
    params.push(value)
    return `$${params.length}`
  }
  for (const [key, column] of EQUALITY_FILTERS) {
    const value = query[key]
    if (value !== undefined && value !== '') clauses.push(`${column} = ${param(value)}`)
  }
  if (query.ids && query.ids.length > 0) clauses.push(`id IN (${query.ids.map((id) => param(id)).join(', ')})`)
  if (query.sourceIP) clauses.push(`list_contains(source_ips, ${param(query.sourceIP)})`)
  if (query.responseCode !== undefined) clauses.push(`response_code = ${param(query.responseCode)}`)
  if (query.from) clauses.push(`time >= epoch_ms(${param(Date.parse(query.from))}::BIGINT)`)
  if (query.to) clauses.push(`time < epoch_ms(${param(Date.parse(query.to))}::BIGINT)`)
  if (query.text) clauses.push(`contains(lower(payload), ${param(query.text.toLowerCase())})`)
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}
