import { timestampValue, type DuckDBAppender } from '@duckdb/node-api'
import { payloadText, type KubeEvent } from '../../core/index.js'

/**
 * Append one event to the staging table: the keys as columns, the envelope and the payload as
 * JSON texts (see STAGING_DDL for why).
 * @example for (const e of batch) appendEventRow(appender, e)
 */
export function appendEventRow(appender: DuckDBAppender, event: KubeEvent): void {
  const { id, stage, time, source, cluster, payload, ...envelope } = event
  appender.appendVarchar(id)
  appender.appendVarchar(stage)
  appender.appendTimestamp(timestampValue(BigInt(Date.parse(time)) * 1000n))
  appender.appendVarchar(source)
  appender.appendVarchar(cluster)
  appender.appendVarchar(JSON.stringify(envelope))
  appender.appendVarchar(payloadText(payload))
  appender.endRow()
}
