import { eventKey, payloadText, utcMs, type KubeEvent } from '../../core/index.js'

// Control characters frame a batch's text. Valid JSON never holds a raw one (inside strings they
// are escaped), so a payload needs no check; an envelope value holding one sends its row as JSON.
const ROW_SEPARATOR = '\x1e'
const FIELD_SEPARATOR = '\x1f'
const COLUMN_SEPARATOR = '\x1d'
const ITEM_SEPARATOR = '\x1c'
const NULL_MARK = '\x1b'
const FRAMING = /[\x1b-\x1f]/

const sqlChar = (c: string): string => `chr(${c.charCodeAt(0)})`

/** The separators of the batch texts as SQL expressions, for a store that splits them. */
export const EVENT_ROWS_SQL = {
  rowSeparator: sqlChar(ROW_SEPARATOR),
  fieldSeparator: sqlChar(FIELD_SEPARATOR),
  columnSeparator: sqlChar(COLUMN_SEPARATOR),
  itemSeparator: sqlChar(ITEM_SEPARATOR),
  nullMark: sqlChar(NULL_MARK),
}

/** An envelope column of `events` as a flat row carries it, in this order. */
export interface FlatColumn {
  name: string
  type: 'VARCHAR' | 'VARCHAR[]' | 'TIMESTAMP' | 'INTEGER'
  value: (event: KubeEvent) => unknown
}

/** The envelope's columns in the order a flat row holds them; schema.ts builds the SQL that splits them from this list. */
export const FLAT_COLUMNS: readonly FlatColumn[] = [
  { name: 'id', type: 'VARCHAR', value: (e) => e.id },
  { name: 'stage', type: 'VARCHAR', value: (e) => e.stage },
  { name: 'time', type: 'TIMESTAMP', value: (e) => e.time },
  { name: 'source', type: 'VARCHAR', value: (e) => e.source },
  { name: 'cluster', type: 'VARCHAR', value: (e) => e.cluster },
  { name: 'verb', type: 'VARCHAR', value: (e) => e.verb },
  { name: 'user_name', type: 'VARCHAR', value: (e) => e.user.name },
  { name: 'user_groups', type: 'VARCHAR[]', value: (e) => e.user.groups },
  { name: 'user_uid', type: 'VARCHAR', value: (e) => e.user.uid },
  { name: 'impersonated_user', type: 'VARCHAR', value: (e) => e.impersonatedUser?.name },
  { name: 'source_ips', type: 'VARCHAR[]', value: (e) => e.sourceIPs },
  { name: 'user_agent', type: 'VARCHAR', value: (e) => e.userAgent },
  { name: 'api_group', type: 'VARCHAR', value: (e) => e.objectRef.apiGroup },
  { name: 'api_version', type: 'VARCHAR', value: (e) => e.objectRef.apiVersion },
  { name: 'resource', type: 'VARCHAR', value: (e) => e.objectRef.resource },
  { name: 'subresource', type: 'VARCHAR', value: (e) => e.objectRef.subresource },
  { name: 'namespace', type: 'VARCHAR', value: (e) => e.objectRef.namespace },
  { name: 'name', type: 'VARCHAR', value: (e) => e.objectRef.name },
  { name: 'response_code', type: 'INTEGER', value: (e) => e.responseCode },
  { name: 'decision', type: 'VARCHAR', value: (e) => e.decision },
  { name: 'reason', type: 'VARCHAR', value: (e) => e.reason },
  { name: 'request_uri', type: 'VARCHAR', value: (e) => e.requestURI },
]

/** The dedup key (`eventKey`) and the time of one row of {@link EventRows}. */
export interface EventRowKey {
  key: string
  timeMs: number
}

/** A batch of events as the store inserts it: unique by (id, stage), in time order. */
export interface EventRows {
  /** How many events the batch had before the repeats within it were dropped. */
  received: number
  keys: EventRowKey[]
  /**
   * Per row (aligned with `keys`): the envelope and the payload's JSON, joined by U+001F. The
   * envelope is its column values joined by U+001D (a list's items by U+001C, U+001B for none),
   * or, where `json[i]`, the event without its payload as JSON.
   */
  texts: string[]
  json: boolean[]
}

/**
 * The rows of a batch joined by U+001E into one text per layout. One string crosses into DuckDB,
 * which splits it in C++ on its own threads: an Appender's native call per value took a third of a
 * bulk ingest's main thread.
 */
export interface JoinedEventRows {
  flat: string
  json: string
}

// A column's text in a flat row, or undefined when the value needs JSON: a framing character, a
// list holding an empty item (indistinguishable from an empty list), or an unexpected type.
function cell(value: unknown, type: FlatColumn['type']): string | undefined {
  if (value === undefined || value === null) return NULL_MARK
  if (type === 'VARCHAR[]') {
    if (!Array.isArray(value)) return undefined
    let text = ''
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item !== 'string' || item === '' || FRAMING.test(item)) return undefined
      text = i === 0 ? item : text + ITEM_SEPARATOR + item
    }
    return text
  }
  if (type === 'INTEGER') return Number.isInteger(value) ? String(value) : undefined
  return typeof value === 'string' && !FRAMING.test(value) ? value : undefined
}

// Cheaper to build than the envelope's JSON (a batch's rows: 11–13 against 14–17 µs an event), and
// DuckDB splits it for the same CPU as it parsed the JSON.
function flatEnvelope(event: KubeEvent): string | undefined {
  let text = ''
  for (let i = 0; i < FLAT_COLUMNS.length; i++) {
    const column = FLAT_COLUMNS[i]!
    const value = cell(column.value(event), column.type)
    if (value === undefined) return undefined
    text = i === 0 ? value : text + COLUMN_SEPARATOR + value
  }
  return text
}

/**
 * Serialize a batch for the store: the first copy of each (id, stage), in time order.
 * @example const { flat, json } = joinEventRows(toEventRows(events))
 */
export function toEventRows(events: KubeEvent[]): EventRows {
  const firstByKey = new Map<string, KubeEvent>()
  for (const event of events) {
    const key = eventKey(event)
    if (!firstByKey.has(key)) firstByKey.set(key, event)
  }
  const unique = [...firstByKey].sort(([, a], [, b]) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
  const keys = new Array<EventRowKey>(unique.length)
  const texts = new Array<string>(unique.length)
  const json = new Array<boolean>(unique.length)
  for (let i = 0; i < unique.length; i++) {
    const [key, event] = unique[i]!
    keys[i] = { key, timeMs: utcMs(event.time) }
    const flat = flatEnvelope(event)
    json[i] = flat === undefined
    if (flat !== undefined) texts[i] = flat + FIELD_SEPARATOR + payloadText(event.payload)
    else {
      const { payload, ...envelope } = event
      texts[i] = JSON.stringify(envelope) + FIELD_SEPARATOR + payloadText(payload)
    }
  }
  return { received: events.length, keys, texts, json }
}

/**
 * The rows whose index `keep` accepts, as a new batch: the store drops the ones it already holds.
 * @example keepRows(rows, (i) => !stored.has(rows.keys[i].key))
 */
export function keepRows(rows: EventRows, keep: (index: number) => boolean): EventRows {
  const kept: EventRows = { received: rows.received, keys: [], texts: [], json: [] }
  for (let i = 0; i < rows.keys.length; i++) {
    if (!keep(i)) continue
    kept.keys.push(rows.keys[i]!)
    kept.texts.push(rows.texts[i]!)
    kept.json.push(rows.json[i]!)
  }
  return kept
}

/** Each layout's rows as one text, in the batch's order; '' when it has none. */
export function joinEventRows(rows: EventRows): JoinedEventRows {
  if (!rows.json.includes(true)) return { flat: rows.texts.join(ROW_SEPARATOR), json: '' }
  return {
    flat: rows.texts.filter((_, i) => !rows.json[i]).join(ROW_SEPARATOR),
    json: rows.texts.filter((_, i) => rows.json[i]).join(ROW_SEPARATOR),
  }
}
