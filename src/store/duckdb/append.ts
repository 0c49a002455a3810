import { LIST, VARCHAR, listValue, timestampValue, type DuckDBAppender } from '@duckdb/node-api'
import { payloadText, type KubeEvent } from '../../core/index.js'

const VARCHAR_LIST = LIST(VARCHAR)

function appendText(appender: DuckDBAppender, value: string | undefined): void {
  if (value === undefined) appender.appendNull()
  else appender.appendVarchar(value)
}

/**
 * Append one event as a row, in the column order of `EVENT_COLUMNS`.
 * @example for (const e of batch) appendEventRow(appender, e)
 */
export function appendEventRow(appender: DuckDBAppender, event: KubeEvent): void {
  appender.appendVarchar(event.id)
  appender.appendVarchar(event.stage)
  appender.appendTimestamp(timestampValue(BigInt(Date.parse(event.time)) * 1000n))
  appender.appendVarchar(event.source)
  appender.appendVarchar(event.cluster)
  appender.appendVarchar(event.verb)
  appender.appendVarchar(event.user.name)
  appender.appendList(listValue(event.user.groups), VARCHAR_LIST)
  appendText(appender, event.user.uid)
  appendText(appender, event.impersonatedUser?.name)
  appender.appendList(listValue(event.sourceIPs), VARCHAR_LIST)
  appender.appendVarchar(event.userAgent)
  appendText(appender, event.objectRef.apiGroup)
  appendText(appender, event.objectRef.apiVersion)
  appendText(appender, event.objectRef.resource)
  appendText(appender, event.objectRef.subresource)
  appendText(appender, event.objectRef.namespace)
  appendText(appender, event.objectRef.name)
  if (event.responseCode === undefined) appender.appendNull()
  else appender.appendInteger(event.responseCode)
  appendText(appender, event.decision)
  appendText(appender, event.reason)
  appender.appendVarchar(event.requestURI)
  appender.appendVarchar(payloadText(event.payload))
  appender.endRow()
}
