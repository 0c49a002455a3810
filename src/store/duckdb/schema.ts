/**
 * DDL for the embedded store. Events keep the envelope as columns (what filters and stats touch)
 * and the redacted payload as JSON text (what rules and the raw view need). Rows are appended in
 * time order per batch so DuckDB's zone maps prune time ranges.
 */
export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL, stage VARCHAR NOT NULL, time TIMESTAMP NOT NULL, source VARCHAR, cluster VARCHAR,
    verb VARCHAR, user_name VARCHAR, user_groups VARCHAR[], user_uid VARCHAR, impersonated_user VARCHAR,
    source_ips VARCHAR[], user_agent VARCHAR, api_group VARCHAR, api_version VARCHAR, resource VARCHAR,
    subresource VARCHAR, namespace VARCHAR, name VARCHAR, response_code INTEGER, decision VARCHAR,
    reason VARCHAR, request_uri VARCHAR, payload VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS cursors (name VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS dead_letters (time TIMESTAMP, source VARCHAR, "where" VARCHAR, code VARCHAR, message VARCHAR, sample VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS alerts (
    id VARCHAR PRIMARY KEY, rule_id VARCHAR, severity VARCHAR, status VARCHAR, cluster VARCHAR,
    first_seen TIMESTAMP, last_seen TIMESTAMP, doc VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS baselines (rule VARCHAR, identity VARCHAR, value VARCHAR, first_ms BIGINT)`,
  `CREATE TABLE IF NOT EXISTS findings (
    check_id VARCHAR, severity VARCHAR, cluster VARCHAR, time TIMESTAMP, doc VARCHAR)`,
]

/** The staging table the Appender fills; a temp table, so it never reaches the WAL. */
export const STAGING_DDL = `CREATE TEMP TABLE IF NOT EXISTS events_staging AS SELECT * FROM events LIMIT 0`

export const EVENT_COLUMNS = [
  'id', 'stage', 'time', 'source', 'cluster', 'verb', 'user_name', 'user_groups', 'user_uid', 'impersonated_user',
  'source_ips', 'user_agent', 'api_group', 'api_version', 'resource', 'subresource', 'namespace', 'name',
  'response_code', 'decision', 'reason', 'request_uri', 'payload',
] as const
