import type { FacetField } from '../store.js'

/** SQL for one field's values in a facet; source IPs are a list, so they are unnested. */
export const FACET_EXPR: Record<FacetField, string> = {
  cluster: 'cluster',
  verb: 'verb',
  user: 'user_name',
  namespace: `coalesce(namespace, '')`,
  resource: `coalesce(resource, '')`,
  responseCode: `coalesce(CAST(response_code AS VARCHAR), '')`,
  userAgent: `coalesce(user_agent, '')`,
  sourceIP: 'unnest(source_ips)',
}

/**
 * One query for the top values of every asked field: a UNION ALL of per-field top-N subqueries
 * sharing the same positional parameters.
 * @example facetSql(['verb', 'user'], 'WHERE cluster = $1', 10)
 */
export function facetSql(fields: readonly FacetField[], where: string, top: number): string {
  return fields
    .map((field) => `SELECT * FROM (SELECT '${field}' AS field, v AS value, count(*)::INTEGER AS n FROM (SELECT ${FACET_EXPR[field]} AS v FROM events ${where}) GROUP BY v ORDER BY n DESC, v LIMIT ${top})`)
    .join(' UNION ALL ')
}

/** Tables that keep one JSON document per key: (table, key column). */
export const DOC_TABLES = {
  users: ['users', 'name'],
  exceptions: ['alert_exceptions', 'id'],
  ruleStates: ['rule_states', 'rule_id'],
} as const
