import type { BaselineEntry, RuleRef, Severity } from '../../core/index.js'
import type { DetectableEvent, RuleHit } from '../engine.js'

/** A first-seen rule's metadata: what it watches per identity, and when a new value matters. */
interface FirstSeenRule {
  ref: RuleRef
  severity: Severity
  mitre: string[]
  /** The value watched for this identity, or undefined when the event says nothing about it. */
  valueOf(event: AuditView): string | undefined
  /** Identities (and values) this rule never alerts on. */
  ignore(event: AuditView, value: string): boolean
  describe(identity: string, value: string): string
}

interface AuditView {
  user: string
  userAgent: string
  sourceIP: string
  namespace: string
}

const PRIVATE = /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|f[cd][0-9a-f]{2}:|fe80:)/i
const isSystem = (user: string): boolean => user.startsWith('system:')
// `kubectl/v1.31.0 (linux/amd64) kubernetes/abc` → `kubectl/v1.31.0`: the product, not the build.
const firstWord = (text: string): string => {
  const space = text.indexOf(' ')
  return space < 0 ? text : text.slice(0, space)
}

/** The three first-seen rules; their baseline lives in the store, so it survives restarts. */
export const FIRST_SEEN_RULES: FirstSeenRule[] = [
  {
    ref: { id: 'builtin:first-seen-user-agent', title: 'New user agent for an identity', source: 'builtin' },
    severity: 'low',
    mitre: ['T1078'],
    valueOf: (e) => firstWord(e.userAgent) || undefined,
    // Node and controller agents change with upgrades; the alert is for people and service accounts.
    ignore: (e) => e.user === '' || (isSystem(e.user) && !e.user.startsWith('system:serviceaccount:')),
    describe: (id, v) => `${id} used a user agent never seen for it before: ${v}`,
  },
  {
    ref: { id: 'builtin:first-seen-source-ip', title: 'New source address for an identity', source: 'builtin' },
    severity: 'medium',
    mitre: ['T1078', 'T1550.001'],
    valueOf: (e) => e.sourceIP || undefined,
    // Pods and nodes change private addresses all the time; a service account's token used from a
    // public address is what a stolen token looks like.
    ignore: (e, ip) => e.user === '' || e.user === 'system:anonymous' || (isSystem(e.user) && PRIVATE.test(ip)),
    describe: (id, v) => `${id} made a request from an address never seen for it before: ${v}`,
  },
  {
    ref: { id: 'builtin:first-seen-kube-system', title: 'Identity touches kube-system for the first time', source: 'builtin' },
    severity: 'medium',
    mitre: ['T1078', 'T1613'],
    valueOf: (e) => (e.namespace === 'kube-system' ? 'kube-system' : undefined),
    ignore: (e) => e.user === '' || isSystem(e.user),
    describe: (id) => `${id} made its first request in kube-system`,
  },
]

export interface FirstSeenOptions {
  /** An identity's first hour (of event time) only builds its baseline. */
  learningMs?: number
  /** Cap on identities kept; the least recently seen go first. */
  maxIdentities?: number
  /** Cap on values kept per identity and rule. */
  maxValuesPerIdentity?: number
}

/** The raw fields the rules read beyond the identity: an event that repeats its identity's last ones brings nothing new. */
interface SeenFields {
  agent: unknown
  ip: unknown
  kubeSystem: boolean
}

const inKubeSystem = (payload: Record<string, any>): boolean => String(payload.objectRef?.namespace ?? '') === 'kube-system'

function seenFields(payload: Record<string, any>): SeenFields {
  return { agent: payload.userAgent, ip: payload.sourceIPs?.[0], kubeSystem: inKubeSystem(payload) }
}

// Most events of an identity repeat its last agent and address, in or out of kube-system.
function repeats(last: SeenFields | undefined, payload: Record<string, any>): boolean {
  return last !== undefined && last.agent === payload.userAgent && last.ip === payload.sourceIPs?.[0] && last.kubeSystem === inKubeSystem(payload)
}

/** What a newcomer filter passed for one identity, and the fields of its last event once all their values were known. */
interface PassedValues {
  values: Map<string, Set<string>>
  last?: SeenFields
}

interface IdentityState {
  firstMs: number
  values: Map<string, Set<string>>
  /** The fields of its last event, once all their values were known (none past a cap). */
  last?: SeenFields
}

function view(payload: Record<string, any>): AuditView {
  return {
    user: String(payload.user?.username ?? ''),
    userAgent: String(payload.userAgent ?? ''),
    sourceIP: String(payload.sourceIPs?.[0] ?? ''),
    namespace: String(payload.objectRef?.namespace ?? ''),
  }
}

/**
 * First-seen detection: a new user agent or source address for an identity, an identity's first
 * request in kube-system. Learns quietly during each identity's learning period; new baseline
 * entries are handed out through `drainNew()` for the store to keep.
 * @example
 * const fs = new FirstSeenDetector(await store.loadBaseline())
 * const hits = fs.evaluate(event); await store.saveBaseline(fs.drainNew())
 */
export class FirstSeenDetector {
  private readonly identities = new Map<string, IdentityState>()
  private fresh: BaselineEntry[] = []
  private readonly learningMs: number
  private readonly maxIdentities: number
  private readonly maxValues: number

  constructor(baseline: BaselineEntry[] = [], options: FirstSeenOptions = {}) {
    this.learningMs = options.learningMs ?? 3_600_000
    this.maxIdentities = options.maxIdentities ?? 200_000
    this.maxValues = options.maxValuesPerIdentity ?? 200
    for (const entry of baseline) this.remember(entry.identity, entry.rule, entry.value, entry.firstMs)
    this.fresh = []
  }

  readonly rules = FIRST_SEEN_RULES
  /** What view() reads. */
  readonly fields = ['user.username', 'userAgent', 'sourceIPs', 'objectRef.namespace']

  evaluate(event: DetectableEvent): RuleHit[] {
    const payload = event.payload as Record<string, any>
    if (repeats(this.identities.get(String(payload.user?.username ?? ''))?.last, payload)) return []
    const audit = view(payload)
    if (!audit.user) return []
    const known = this.identities.get(audit.user)
    let settled = true
    const learning = !known || event.timeMs - known.firstMs < this.learningMs
    const hits: RuleHit[] = []
    for (const rule of FIRST_SEEN_RULES) {
      const value = rule.valueOf(audit)
      if (value === undefined || rule.ignore(audit, value)) continue
      if (this.identities.get(audit.user)?.values.get(rule.ref.id)?.has(value)) continue
      this.remember(audit.user, rule.ref.id, value, event.timeMs)
      // At the cap a value is not learned: the next event bringing it is evaluated again.
      if (!this.identities.get(audit.user)?.values.get(rule.ref.id)?.has(value)) settled = false
      if (!learning) hits.push({ rule: rule.ref, severity: rule.severity, mitre: rule.mitre, summary: rule.describe(audit.user, value), eventIds: [event.id], firstMs: event.timeMs, lastMs: event.timeMs, event })
    }
    if (!known) this.remember(audit.user, '', '', event.timeMs)
    const state = this.identities.get(audit.user)
    if (state) state.last = settled ? seenFields(payload) : undefined
    return hits
  }

  /**
   * For a worker reading a share of the events: true when the event brings an identity or a value
   * this filter has not passed yet (only those can teach or alert; the others find everything
   * known by the time they would be evaluated in order). Past the caps the answer can differ from
   * evaluate()'s own: an identity evicted from the detector stays known here.
   */
  newcomerFilter(): (event: DetectableEvent) => boolean {
    const passed = new Map<string, PassedValues>()
    return (event) => {
      const payload = event.payload as Record<string, any>
      const user = String(payload.user?.username ?? '')
      if (!user) return false
      let known = passed.get(user)
      if (repeats(known?.last, payload)) return false
      let fresh = !known
      if (!known) {
        // Forgetting only makes the filter pass more events, which is always safe.
        if (passed.size >= this.maxIdentities) passed.clear()
        passed.set(user, (known = { values: new Map() }))
      }
      const audit = view(payload)
      let capped = false
      for (const rule of FIRST_SEEN_RULES) {
        const value = rule.valueOf(audit)
        if (value === undefined || rule.ignore(audit, value)) continue
        let values = known.values.get(rule.ref.id)
        if (!values) known.values.set(rule.ref.id, (values = new Set()))
        if (values.has(value)) continue
        fresh = true
        // At the detector's cap a value is never learned, so it must keep passing.
        if (values.size < this.maxValues) values.add(value)
        else capped = true
      }
      known.last = capped ? undefined : seenFields(payload)
      return fresh
    }
  }

  /** Entries learned since the last call, for the store. */
  drainNew(): BaselineEntry[] {
    const out = this.fresh
    this.fresh = []
    return out
  }

  /** Identities tracked (bounded by maxIdentities). */
  get size(): number {
    return this.identities.size
  }

  private remember(identity: string, rule: string, value: string, timeMs: number): void {
    let state = this.identities.get(identity)
    if (state) {
      // Re-insert to keep Map order as recency order for eviction.
      this.identities.delete(identity)
      state.firstMs = Math.min(state.firstMs, timeMs)
    } else {
      state = { firstMs: timeMs, values: new Map() }
      if (this.identities.size >= this.maxIdentities) this.identities.delete(this.identities.keys().next().value!)
      this.fresh.push({ rule: '', identity, value: '', firstMs: timeMs })
    }
    this.identities.set(identity, state)
    if (!rule) return
    const values = state.values.get(rule) ?? new Set<string>()
    if (values.size >= this.maxValues) return
    values.add(value)
    state.values.set(rule, values)
    this.fresh.push({ rule, identity, value, firstMs: timeMs })
  }
}
