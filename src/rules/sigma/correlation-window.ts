/** One base-rule match remembered by a correlation group. */
export interface WindowEntry {
  t: number
  /** Index of the referenced rule in the correlation's `rules`. */
  ref: number
  value?: string
  id?: string
}

/**
 * A group's entries, oldest first. Entries leave from the front as the window slides: a busy
 * identity's window holds thousands, and removing from the front of a plain array moves all of
 * them on every event, so the front is an index, and the array is compacted once half of it is gone.
 */
export class WindowEntries implements Iterable<WindowEntry> {
  private items: WindowEntry[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  /** The i-th live entry, 0 being the oldest. */
  at(i: number): WindowEntry | undefined {
    return i >= 0 && i < this.length ? this.items[this.head + i] : undefined
  }

  push(entry: WindowEntry): void {
    this.items.push(entry)
  }

  /** Remove the `count` oldest entries, handing each to `gone`. */
  dropOldest(count: number, gone: (entry: WindowEntry) => void): void {
    const end = Math.min(this.items.length, this.head + count)
    for (let i = this.head; i < end; i++) gone(this.items[i])
    this.head = end
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  *[Symbol.iterator](): Iterator<WindowEntry> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]
  }
}

/**
 * The matches of one group inside the current timespan, with running tallies kept as entries come
 * and go, so a metric costs O(1) per event instead of a pass over the window (a busy identity's
 * window holds thousands of entries).
 */
export interface GroupState {
  group: Record<string, string>
  entries: WindowEntries
  lastMs: number
  /** How many entries carry each value. */
  values: Map<string, number>
  /** How many entries came from each referenced rule. */
  refs: Map<number, number>
  /** Sum and count of the entries whose value is a finite number. */
  sum: number
  numeric: number
}

function tally(state: GroupState, entry: WindowEntry, step: 1 | -1): void {
  if (entry.value !== undefined) {
    const n = (state.values.get(entry.value) ?? 0) + step
    if (n === 0) state.values.delete(entry.value)
    else state.values.set(entry.value, n)
    const num = Number(entry.value)
    if (Number.isFinite(num)) {
      state.sum += step * num
      state.numeric += step
    }
  }
  const r = (state.refs.get(entry.ref) ?? 0) + step
  if (r === 0) state.refs.delete(entry.ref)
  else state.refs.set(entry.ref, r)
}

/** Limits that keep correlation state bounded. */
export interface WindowLimits {
  timespanMs: number
  maxGroups: number
  maxEventsPerGroup: number
}

/**
 * Sliding-window state of one correlation rule: groups in least-recently-touched order, so expiry and
 * eviction only ever look at the front of the map. Memory is at most maxGroups × maxEventsPerGroup entries.
 * @example
 * const w = new GroupWindows({ timespanMs: 60_000, maxGroups: 1000, maxEventsPerGroup: 100 })
 * const g = w.add('["alice"]', { user: 'alice' }, { t: 0, ref: 0 })
 */
export class GroupWindows {
  private readonly groups = new Map<string, GroupState>()
  private now = -Infinity

  constructor(private readonly limits: WindowLimits) {}

  /** Add an entry to its group, drop what fell out of the timespan, and return the group. */
  add(key: string, group: Record<string, string>, entry: WindowEntry): GroupState {
    this.now = Math.max(this.now, entry.t)
    let state = this.groups.get(key)
    if (state) this.groups.delete(key)
    else state = { group, entries: new WindowEntries(), lastMs: entry.t, values: new Map(), refs: new Map(), sum: 0, numeric: 0 }
    this.groups.set(key, state)
    state.lastMs = Math.max(state.lastMs, entry.t)
    state.entries.push(entry)
    tally(state, entry, 1)
    const horizon = state.lastMs - this.limits.timespanMs
    let drop = 0
    while (drop < state.entries.length && state.entries.at(drop)!.t < horizon) drop++
    drop = Math.max(drop, state.entries.length - this.limits.maxEventsPerGroup)
    if (drop > 0) state.entries.dropOldest(drop, (gone) => tally(state, gone, -1))
    this.expire()
    return state
  }

  /** Forget a group's entries once it fired, so the next hit needs fresh events. */
  consume(key: string): void {
    this.groups.delete(key)
  }

  /** Number of live groups. */
  size(): number {
    return this.groups.size
  }

  private expire(): void {
    const horizon = this.now - this.limits.timespanMs
    for (const [key, state] of this.groups) {
      if (state.lastMs >= horizon && this.groups.size <= this.limits.maxGroups) break
      this.groups.delete(key)
    }
  }
}
