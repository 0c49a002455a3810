import { EVENT_ROWS_SQL, FLAT_COLUMNS, type FlatColumn } from './event-rows.js'

/**
 * The storage format to write. DuckDB writes new files in its oldest readable format unless told
 * otherwise, and that format has no ZSTD for strings: it stores the payload column (below)
 * uncompressed, silently. A file made in an older format still opens: this only governs what is
 * written from now on. Whoever creates the tables sets it (ATTACH's STORAGE_VERSION, or
 * `storage_compatibility_version` for a main database).
 */
export const STORAGE_VERSION = 'v1.5.0'

/**
 * DDL for the embedded store. Events keep the envelope as columns (what filters and stats touch)
 * and the redacted payload as JSON text (what rules and the raw view need). Rows are appended in
 * time order per batch so DuckDB's zone maps prune time ranges.
 *
 * The payload is compressed with ZSTD rather than DuckDB's own choice, FSST: over 200k audit events
 * the file was 20 MB instead of 67 MB, and the checkpoints that compress it took a fifth less CPU.
 */
export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL, stage VARCHAR NOT NULL, time TIMESTAMP NOT NULL, source VARCHAR, cluster VARCHAR,
    verb VARCHAR, user_name VARCHAR, user_groups VARCHAR[], user_uid VARCHAR, impersonated_user VARCHAR,
    source_ips VARCHAR[], user_agent VARCHAR, api_group VARCHAR, api_version VARCHAR, resource VARCHAR,
    subresource VARCHAR, namespace VARCHAR, name VARCHAR, response_code INTEGER, decision VARCHAR,
    reason VARCHAR, request_uri VARCHAR, payload VARCHAR USING COMPRESSION zstd)`,
  `CREATE TABLE IF NOT EXISTS cursors (name VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS dead_letters (time TIMESTAMP, source VARCHAR, "where" VARCHAR, code VARCHAR, message VARCHAR, sample VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS alerts (
    id VARCHAR PRIMARY KEY, rule_id VARCHAR, severity VARCHAR, status VARCHAR, cluster VARCHAR,
    first_seen TIMESTAMP, last_seen TIMESTAMP, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS baselines (rule VARCHAR, identity VARCHAR, value VARCHAR, first_ms BIGINT)`,
  `CREATE TABLE IF NOT EXISTS findings (
    check_id VARCHAR, severity VARCHAR, cluster VARCHAR, time TIMESTAMP, doc VARCHAR)`,
  // When the store first saw an alert (time to detect); added after the first release, hence ALTER.
  `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS created TIMESTAMP`,
  // Triage lives beside the alert so detection's upserts never reset it.
  `CREATE TABLE IF NOT EXISTS alert_triage (id VARCHAR PRIMARY KEY, status VARCHAR, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS users (name VARCHAR PRIMARY KEY, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS sessions (id VARCHAR PRIMARY KEY, expires_ms BIGINT, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS audit_trail (time TIMESTAMP, actor VARCHAR, action VARCHAR, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS alert_exceptions (id VARCHAR PRIMARY KEY, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS saved_searches (id VARCHAR PRIMARY KEY, owner VARCHAR, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS rule_states (rule_id VARCHAR PRIMARY KEY, doc VARCHAR)`,
]

const ENVELOPE_SHAPE = JSON.stringify({
  id: 'VARCHAR',
  stage: 'VARCHAR',
  time: 'TIMESTAMP',
  source: 'VARCHAR',
  cluster: 'VARCHAR',
  verb: 'VARCHAR',
  user: { name: 'VARCHAR', groups: ['VARCHAR'], uid: 'VARCHAR' },
  impersonatedUser: { name: 'VARCHAR' },
  sourceIPs: ['VARCHAR'],
  userAgent: 'VARCHAR',
  objectRef: { apiGroup: 'VARCHAR', apiVersion: 'VARCHAR', resource: 'VARCHAR', subresource: 'VARCHAR', namespace: 'VARCHAR', name: 'VARCHAR' },
  responseCode: 'INTEGER',
  decision: 'VARCHAR',
  reason: 'VARCHAR',
  requestURI: 'VARCHAR',
})

// The rows of one layout's text (JoinedEventRows), each split into its envelope and payload.
const SPLIT_ROWS = `SELECT string_split(text, ${EVENT_ROWS_SQL.fieldSeparator}) AS fields
  FROM (SELECT unnest(string_split($1::VARCHAR, ${EVENT_ROWS_SQL.rowSeparator})) AS text)`

/**
 * Insert the JSON-layout rows of a batch (`$1`, JoinedEventRows.json): unpack each envelope
 * (`json_transform`, one parse per row) and insert in the column order of `events`, keeping the
 * rows' order.
 */
export const INSERT_JSON_EVENT_ROWS = `INSERT INTO events SELECT e.id, e.stage, e.time, e.source, e.cluster, e.verb, e.user.name, e.user.groups,
  e.user.uid, e.impersonatedUser.name, e.sourceIPs, e.userAgent, e.objectRef.apiGroup, e.objectRef.apiVersion, e.objectRef.resource,
  e.objectRef.subresource, e.objectRef.namespace, e.objectRef.name, e.responseCode, e.decision, e.reason, e.requestURI, fields[2]
  FROM (SELECT fields, json_transform(fields[1], '${ENVELOPE_SHAPE}') AS e FROM (${SPLIT_ROWS}))`

/** The columns of `events`, in table order: the envelope's (FLAT_COLUMNS), then the payload. */
export const EVENT_COLUMNS = [...FLAT_COLUMNS.map((c) => c.name), 'payload']

function flatColumnSql(column: FlatColumn, index: number): string {
  const text = `c[${index + 1}]`
  const value = `nullif(${text}, ${EVENT_ROWS_SQL.nullMark})`
  if (column.type === 'VARCHAR') return value
  if (column.type !== 'VARCHAR[]') return `${value}::${column.type}`
  return `CASE ${text} WHEN ${EVENT_ROWS_SQL.nullMark} THEN NULL WHEN '' THEN []::VARCHAR[] ELSE string_split(${text}, ${EVENT_ROWS_SQL.itemSeparator}) END`
}

/** Insert the flat-layout rows of a batch (`$1`, JoinedEventRows.flat), keeping the rows' order. */
export const INSERT_FLAT_EVENT_ROWS = `INSERT INTO events (${EVENT_COLUMNS.join(', ')})
  SELECT ${FLAT_COLUMNS.map(flatColumnSql).join(', ')}, fields[2]
  FROM (SELECT string_split(fields[1], ${EVENT_ROWS_SQL.columnSeparator}) AS c, fields FROM (${SPLIT_ROWS}))`
