import { KubesiemError, rememberPayloadText } from '../../core/index.js'
import type { SourceRecord } from '../../pipeline/stages.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Turn one JSON Lines line into a source record, or an error record naming file:line.
 * Blank lines give nothing. The line's text is remembered for a store to keep verbatim, unless
 * `keepText` is false (nothing will store it: offline detection).
 * @example parseAuditLine(buf, 'audit.log:12', 'prod', 'k8s-audit')
 */
export function parseAuditLine(bytes: Buffer, where: string, cluster: string, source: string, keepText = true): SourceRecord | undefined {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { where, source, cluster, error: new KubesiemError('KUBESIEM_INGEST_BAD_UTF8', { where }), sample: bytes.subarray(0, 200).toString('latin1') }
  }
  if (text.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { where, source, cluster, error: new KubesiemError('KUBESIEM_INGEST_BAD_JSON', { where, detail }), sample: text.slice(0, 200) }
  }
  if (keepText && typeof value === 'object' && value !== null) rememberPayloadText(value, text)
  return { where, source, cluster, value }
}
