import { utcParts } from '../../core/index.js'

/**
 * A value extracted from an event: one string, a list of strings (list fields), or nothing.
 * @example
 * const groups: FieldValue = ['system:authenticated']
 */
export type FieldValue = string | string[] | undefined

/**
 * Render a JSON value the way the k8saudit plugin does: strings as-is, anything else as compact JSON.
 * @example
 * jsonString({ a: 1 }) // '{"a":1}'
 */
export function jsonString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function child(value: unknown, key: string): unknown {
  if (key === '') return value
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined
  if (value !== null && typeof value === 'object') return (value as Record<string, unknown>)[key]
  return undefined
}

/**
 * Follow `keys` into `value`, the plain object path a non-list k8saudit field reads.
 * @example
 * valueAt({ user: { username: 'bob' } }, ['user', 'username']) // 'bob'
 */
export function valueAt(value: unknown, keys: readonly string[]): unknown {
  let cur = value
  for (const key of keys) {
    cur = child(cur, key)
    if (cur === undefined) return undefined
  }
  return cur
}

/**
 * Port of the plugin's `getValuesRecursive`: fan out over every array met on the path (or pick
 * `index` in it); an element lacking the rest of the path yields `undefined` in its slot.
 * @example
 * valuesAt({ spec: { containers: [{ image: 'a' }, {}] } }, undefined, ['spec', 'containers', 'image']) // ['a', undefined]
 */
export function valuesAt(value: unknown, index: number | undefined, keys: readonly string[]): unknown[] | undefined {
  let cur = value
  for (let i = 0; i < keys.length; i++) {
    if (Array.isArray(cur)) {
      if (index === undefined) {
        const out: unknown[] = []
        for (const el of cur) out.push(...(valuesAt(el, index, keys.slice(i)) ?? [undefined]))
        return out
      }
      if (index >= cur.length) return undefined
      cur = cur[index]
    }
    cur = child(cur, keys[i])
    if (cur === undefined) return undefined
  }
  return [cur]
}

const POINTERS = new Map<string, string[]>()

/**
 * Resolve an RFC 6901 JSON pointer (`/a/b~1c`), as the json plugin's `json.value[...]` does.
 * @example
 * jsonPointer({ a: { 'b/c': 1 } }, '/a/b~1c') // 1
 */
export function jsonPointer(value: unknown, pointer: string): unknown {
  let keys = POINTERS.get(pointer)
  if (!keys) {
    const path = pointer.startsWith('/') ? pointer.slice(1) : pointer
    keys = path.split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    // Pointers come from rules, so the cache is bounded by the loaded rules' text.
    if (POINTERS.size < 10_000) POINTERS.set(pointer, keys)
  }
  let cur = value
  for (const key of keys) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[key]
    else return undefined
    if (cur === undefined) return undefined
  }
  return cur
}

/**
 * Nanoseconds since the epoch of an RFC 3339 timestamp with up to nanosecond precision.
 * @example
 * toNanos('2018-10-25T13:58:49.730588Z') // 1540475929730588000n
 */
export function toNanos(ts: unknown): bigint | undefined {
  if (typeof ts !== 'string') return undefined
  // Audit timestamps are UTC with a Z: read without a regular expression or a Date.
  const utc = utcParts(ts)
  if (utc) return BigInt(utc.secondMs) * 1_000_000n + BigInt(utc.nanos)
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts)
  if (!m) return undefined
  const ms = Date.parse(`${m[1]}${m[3]}`)
  if (Number.isNaN(ms)) return undefined
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'))
}

/**
 * The event time in nanoseconds: the k8saudit plugin stamps events with their stage timestamp.
 * @example
 * eventNanos({ stageTimestamp: '2018-10-25T13:58:49Z' }) // 1540475929000000000n
 */
export function eventNanos(ev: Record<string, unknown>): bigint | undefined {
  // Rules read the time of one event after another: parse it once per event.
  if (ev !== lastEvent) {
    lastNanos = toNanos(ev.stageTimestamp) ?? toNanos(ev.requestReceivedTimestamp) ?? toNanos(ev.timestamp)
    lastEvent = ev
  }
  return lastNanos
}

let lastEvent: unknown
let lastNanos: bigint | undefined

/**
 * Format nanoseconds as Falco's `evt.time` (`HH:MM:SS.nnnnnnnnn`) or ISO-8601 with nanoseconds.
 * @example
 * formatNanos(1540475929730588000n, 'iso') // '2018-10-25T13:58:49.730588000Z'
 */
export function formatNanos(ns: bigint, style: 'time' | 'iso'): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19)
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0')
  return style === 'iso' ? `${iso}.${frac}Z` : `${iso.slice(11)}.${frac}`
}
