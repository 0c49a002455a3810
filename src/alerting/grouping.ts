import { newId, utcIso, type Alert, type AlertEntity } from '../core/index.js'
import type { RuleHit } from '../rules/engine.js'

export interface GroupingOptions {
  /** Repeats of one rule on one entity within this window fold into one alert (Falco's rate-limiter is per rule; Elastic's alert suppression is per field values, 5 min by default). */
  windowMs?: number
  /** Open groups kept at most; the stalest are closed first. */
  maxOpen?: number
  /** Event ids kept per alert; the count goes on past it. */
  maxEventIds?: number
  makeId?: () => string
}

interface OpenGroup {
  alert: Alert
  firstMs: number
  lastMs: number
  ids: Set<string>
}

// Reads only ALERT_ENTITY_FIELDS of the payload: detection in worker threads sends just those.
function entityOf(hit: RuleHit, cluster: string): AlertEntity {
  const payload = hit.event.payload as { user?: { username?: string }; objectRef?: { namespace?: string; resource?: string; subresource?: string } }
  const ref = payload.objectRef ?? {}
  const user = hit.group?.['user.username'] ?? hit.group?.user ?? payload.user?.username
  return {
    cluster,
    user: user || undefined,
    namespace: ref.namespace || undefined,
    resource: ref.resource ? [ref.resource, ref.subresource].filter(Boolean).join('/') : undefined,
  }
}

/**
 * Fold rule hits into alerts: one alert per rule and entity (cluster, user, namespace, resource)
 * while repeats keep coming within the window, counting distinct events. One `kubectl exec`
 * writes several audit stages under one auditID: it is one event, one alert, count 1.
 * @example
 * const grouper = new AlertGrouper()
 * const changed = hits.map((h) => grouper.add(h, event.cluster)) // new or updated alerts
 */
export class AlertGrouper {
  private readonly open = new Map<string, OpenGroup>()
  private readonly windowMs: number
  private readonly maxOpen: number
  private readonly maxEventIds: number
  private readonly makeId: () => string

  constructor(options: GroupingOptions = {}) {
    this.windowMs = options.windowMs ?? 10 * 60_000
    this.maxOpen = options.maxOpen ?? 50_000
    this.maxEventIds = options.maxEventIds ?? 100
    this.makeId = options.makeId ?? newId
  }

  /** Add a hit; returns the alert it created or updated (a fresh object each time). */
  add(hit: RuleHit, cluster: string): Alert {
    const entity = entityOf(hit, cluster)
    // The same key as joining the parts (a missing part is empty), without an array per hit.
    const key = `${hit.rule.id}\u0000${entity.cluster}\u0000${entity.user ?? ''}\u0000${entity.namespace ?? ''}\u0000${entity.resource ?? ''}`
    const group = this.open.get(key)
    if (group && hit.firstMs - group.lastMs <= this.windowMs && hit.lastMs >= group.lastMs - this.windowMs) {
      const fresh = hit.eventIds.filter((id) => !group.ids.has(id))
      for (const id of fresh) if (group.ids.size < 10 * this.maxEventIds) group.ids.add(id)
      const alert = group.alert
      // A busy alert takes thousands of hits: a full list of ids, and times that did not move, are
      // shared with the previous version of the alert instead of rebuilt (alerts are never mutated).
      const firstMs = Math.min(group.firstMs, hit.firstMs)
      const lastMs = Math.max(group.lastMs, hit.lastMs)
      // Spelled out, in the order a new alert has, rather than spread: copying with `...` cost more
      // than the rest of add(). The grouper's alerts carry only these fields (the store merges triage in).
      group.alert = {
        id: alert.id,
        rule: alert.rule,
        severity: alert.severity,
        mitre: alert.mitre,
        eventIds: fresh.length > 0 && alert.eventIds.length < this.maxEventIds ? [...alert.eventIds, ...fresh].slice(0, this.maxEventIds) : alert.eventIds,
        entity: alert.entity,
        firstSeen: firstMs === group.firstMs ? alert.firstSeen : utcIso(firstMs),
        lastSeen: lastMs === group.lastMs ? alert.lastSeen : utcIso(lastMs),
        count: alert.count + fresh.length,
        summary: alert.summary,
        status: alert.status,
      }
      group.firstMs = firstMs
      group.lastMs = lastMs
      this.open.delete(key)
      this.open.set(key, group)
      return group.alert
    }
    const alert: Alert = {
      id: this.makeId(),
      rule: hit.rule,
      severity: hit.severity,
      mitre: hit.mitre,
      eventIds: [...new Set(hit.eventIds)].slice(0, this.maxEventIds),
      entity,
      firstSeen: utcIso(hit.firstMs),
      lastSeen: utcIso(hit.lastMs),
      count: new Set(hit.eventIds).size,
      summary: hit.summary,
      status: 'new',
    }
    this.open.delete(key)
    if (this.open.size >= this.maxOpen) this.open.delete(this.open.keys().next().value!)
    this.open.set(key, { alert, firstMs: hit.firstMs, lastMs: hit.lastMs, ids: new Set(hit.eventIds) })
    return alert
  }

  /** Open groups now (bounded by maxOpen). */
  get size(): number {
    return this.open.size
  }
}
