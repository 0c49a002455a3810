import { eventKey, payloadText, utcMs, type KubeEvent } from '../../core/index.js'

// Valid JSON never holds a raw control character (inside strings they must be escaped), so these
// two can frame JSON texts: a payload is the text JSON.parse accepted or JSON.stringify wrote.
const ROW_SEPARATOR = '\x1e'
const FIELD_SEPARATOR = '\x1f'

/** The separators of {@link EventRows.text} as SQL expressions, for a store that splits it. */
export const EVENT_ROWS_SQL = { rowSeparator: `chr(${ROW_SEPARATOR.charCodeAt(0)})`, fieldSeparator: `chr(${FIELD_SEPARATOR.charCodeAt(0)})` }

/** The dedup key (`eventKey`) and the time of one row of {@link EventRows}. */
export interface EventRowKey {
  key: string
  timeMs: number
}

/** A batch of events as INSERT_EVENT_ROWS takes it: unique by (id, stage), in time order. */
export interface EventRows {
  /** How many events the batch had before the repeats within it were dropped. */
  received: number
  keys: EventRowKey[]
  /**
   * Per event, the envelope as JSON (the event without its payload) and the payload's JSON, joined
   * by U+001F; the rows joined by U+001E. One string crosses into DuckDB per batch, which splits
   * and unpacks it in C++ on its own threads: an Appender's native call per value took a third of
   * a bulk ingest's main thread.
   */
  text: string
}

/**
 * Serialize a batch for INSERT_EVENT_ROWS: the first copy of each (id, stage), in time order.
 * @example insert.bindVarchar(1, toEventRows(events).text)
 */
export function toEventRows(events: KubeEvent[]): EventRows {
  const firstByKey = new Map<string, KubeEvent>()
  for (const event of events) {
    const key = eventKey(event)
    if (!firstByKey.has(key)) firstByKey.set(key, event)
  }
  const unique = [...firstByKey].sort(([, a], [, b]) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
  const keys = new Array<EventRowKey>(unique.length)
  const rows = new Array<string>(unique.length)
  for (let i = 0; i < unique.length; i++) {
    const [key, { payload, ...envelope }] = unique[i]!
    keys[i] = { key, timeMs: utcMs(envelope.time) }
    rows[i] = JSON.stringify(envelope) + FIELD_SEPARATOR + payloadText(payload)
  }
  return { received: events.length, keys, text: rows.join(ROW_SEPARATOR) }
}

/**
 * The rows whose index `keep` accepts, as a new batch: the store drops the ones it already holds.
 * @example keepRows(rows, (i) => !stored.has(rows.keys[i].key))
 */
export function keepRows(rows: EventRows, keep: (index: number) => boolean): EventRows {
  const texts = rows.text === '' ? [] : rows.text.split(ROW_SEPARATOR)
  const keys: EventRowKey[] = []
  const kept: string[] = []
  for (let i = 0; i < rows.keys.length; i++) {
    if (!keep(i)) continue
    keys.push(rows.keys[i]!)
    kept.push(texts[i]!)
  }
  return { received: rows.received, keys, text: kept.join(ROW_SEPARATOR) }
}
