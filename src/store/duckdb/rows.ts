import type { Alert, Finding, KubeEvent } from '../../core/index.js'

type Row = Record<string, unknown>

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}

/** A DuckDB row of `events` (selected with `epoch_ms(time) AS ms`) back into a KubeEvent. */
export function rowToEvent(row: Row): KubeEvent {
  const payload = JSON.parse(String(row.payload)) as Record<string, unknown>
  const impersonated = payload.impersonatedUser as { username?: string; groups?: string[]; uid?: string } | undefined
  return {
    id: String(row.id),
    time: new Date(Number(row.ms)).toISOString(),
    source: String(row.source),
    cluster: String(row.cluster),
    stage: String(row.stage),
    verb: String(row.verb),
    user: { name: String(row.user_name ?? ''), groups: (row.user_groups as string[] | null) ?? [], uid: text(row.user_uid) },
    impersonatedUser: impersonated ? { name: impersonated.username ?? '', groups: impersonated.groups ?? [], uid: impersonated.uid } : undefined,
    sourceIPs: (row.source_ips as string[] | null) ?? [],
    userAgent: String(row.user_agent ?? ''),
    objectRef: {
      apiGroup: text(row.api_group),
      apiVersion: text(row.api_version),
      resource: text(row.resource),
      subresource: text(row.subresource),
      namespace: text(row.namespace),
      name: text(row.name),
    },
    responseCode: row.response_code === null ? undefined : Number(row.response_code),
    decision: text(row.decision),
    reason: text(row.reason),
    requestURI: String(row.request_uri ?? ''),
    payload,
  }
}

/** Alerts and findings are kept whole as JSON documents beside the columns used to filter them. */
export function rowToDoc<T extends Alert | Finding>(row: Row): T {
  return JSON.parse(String(row.doc)) as T
}
