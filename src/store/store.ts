import type { Alert, BaselineEntry, Finding, KubeEvent } from '../core/index.js'
import type { AlertException, AlertTriage, AuditEntry, ClusterBucket, FacetField, FacetValue, RuleState, SavedSearch, SessionRecord, UserRecord } from './records.js'

export type * from './records.js'
export { FACET_FIELDS } from './records.js'

/** Filters shared by the API, the CLI and every backend. All given filters must hold. */
export interface EventQuery {
  cluster?: string
  user?: string
  verb?: string
  resource?: string
  namespace?: string
  name?: string
  /** Event ids (an alert's evidence); at most a few hundred. */
  ids?: string[]
  sourceIP?: string
  responseCode?: number
  /** Free text, matched case-insensitively anywhere in the redacted payload. */
  text?: string
  /** ISO-8601 bounds, `from` inclusive, `to` exclusive. */
  from?: string
  to?: string
  limit?: number
  offset?: number
}

export interface EventPage {
  events: KubeEvent[]
  total: number
}

export interface StatsQuery extends EventQuery {
  /** Bucket width in seconds. */
  bucketSeconds?: number
}

/** Counts for one time bucket, by each dimension. */
export interface StatsBucket {
  start: string
  total: number
  byVerb: Record<string, number>
  byUser: Record<string, number>
  byNamespace: Record<string, number>
  byResource: Record<string, number>
}

export interface AppendResult {
  stored: number
  duplicates: number
  /** `eventKey()` of each newly stored event: detection runs on these only, so replays never re-alert. */
  storedKeys: Set<string>
}

export interface AppendOptions {
  /** Saved in the same transaction as the events. */
  cursor?: { name: string; value: string }
  /**
   * For bulk file ingest: the store may leave the transaction open for further appends and commit
   * later (within a bounded number of rows, on any other write, on close). Never for data someone
   * waits on, such as a webhook batch.
   */
  deferCommit?: boolean
}

/** A record that could not be ingested, kept (redacted or truncated) for inspection. */
export interface DeadLetter {
  time: string
  source: string
  where: string
  code: string
  message: string
  sample: string
}

export interface AlertQuery {
  cluster?: string
  severity?: string
  ruleId?: string
  status?: string
  namespace?: string
  /** The alert's identity (entity.user). */
  user?: string
  from?: string
  to?: string
  limit?: number
  offset?: number
}

export interface FindingQuery {
  checkId?: string
  severity?: string
  cluster?: string
  limit?: number
}

export interface RetentionPolicy {
  /** Drop events older than this many days. */
  maxAgeDays?: number
  /** Keep at most this many events, dropping the oldest. */
  maxEvents?: number
}

/**
 * The one storage interface. DuckDB (embedded, default) and ClickHouse implement it, and both pass
 * `store.case.test.ts`. Nothing outside store/ knows which one runs.
 * @example
 * const store = await openDuckDbStore({ path: './data/kubesiem.duckdb' })
 * await store.appendEvents(events, { cursor: { name: 'file:/var/log/audit.log', value: '{"offset":42}' } })
 */
export interface Store {
  /**
   * Append events in one transaction, skipping those whose (id, stage) is already stored. When a
   * cursor is given it is saved in the same transaction, so a restart resumes exactly where the
   * stored events end.
   */
  appendEvents(events: KubeEvent[], options?: AppendOptions): Promise<AppendResult>
  queryEvents(query: EventQuery): Promise<EventPage>
  stats(query: StatsQuery): Promise<StatsBucket[]>
  countEvents(): Promise<number>
  getCursor(name: string): Promise<string | undefined>
  setCursor(name: string, value: string): Promise<void>
  appendDeadLetters(letters: DeadLetter[]): Promise<void>
  countDeadLetters(): Promise<number>
  /** Insert or replace alerts by id (grouping updates count and lastSeen). */
  upsertAlerts(alerts: Alert[]): Promise<void>
  queryAlerts(query: AlertQuery): Promise<{ alerts: Alert[]; total: number }>
  appendFindings(findings: Finding[]): Promise<void>
  queryFindings(query: FindingQuery): Promise<Finding[]>
  /** The first-seen rules' learned baseline, oldest first. */
  loadBaseline(): Promise<BaselineEntry[]>
  appendBaseline(entries: BaselineEntry[]): Promise<void>
  applyRetention(policy: RetentionPolicy): Promise<{ deleted: number }>
  /** One alert with its triage merged in (status, assignee, comments, ackAt, resolvedAt, detectedAt). */
  getAlert(id: string): Promise<Alert | undefined>
  /** Replace an alert's triage; detection's later upserts of the same alert keep it. */
  setTriage(id: string, triage: AlertTriage): Promise<void>
  /** Top values per field over the events a query selects. */
  facets(query: EventQuery, fields: readonly FacetField[], top?: number): Promise<Record<string, FacetValue[]>>
  /** Event counts per cluster per bucket. */
  clusterCounts(query: EventQuery, bucketSeconds: number): Promise<ClusterBucket[]>
  upsertUser(user: UserRecord): Promise<void>
  getUser(name: string): Promise<UserRecord | undefined>
  listUsers(): Promise<UserRecord[]>
  putSession(session: SessionRecord): Promise<void>
  getSession(id: string): Promise<SessionRecord | undefined>
  deleteSession(id: string): Promise<void>
  appendAudit(entry: AuditEntry): Promise<void>
  /** Newest first. */
  queryAudit(query: { action?: string; actor?: string; limit?: number }): Promise<AuditEntry[]>
  upsertException(exception: AlertException): Promise<void>
  listExceptions(): Promise<AlertException[]>
  deleteException(id: string): Promise<boolean>
  saveSearch(search: SavedSearch): Promise<void>
  listSavedSearches(owner: string): Promise<SavedSearch[]>
  deleteSavedSearch(owner: string, id: string): Promise<boolean>
  setRuleState(state: RuleState): Promise<void>
  listRuleStates(): Promise<RuleState[]>
  close(): Promise<void>
}
