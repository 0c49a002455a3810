/** Reads a field from an event: pushes every value found into `out` and says whether the field exists. */
export type FieldReader = (event: unknown, out: unknown[]) => boolean

const hasOwn = Object.prototype.hasOwnProperty

/**
 * Compile a dotted Sigma field name into a reader. A literal key with dots wins when present;
 * otherwise dots walk nested objects, and arrays on the way (or at the end) yield every element.
 * @example
 * const read = compileFieldPath('requestObject.spec.containers.image')
 * const values: unknown[] = []
 * read({ requestObject: { spec: { containers: [{ image: 'a' }, { image: 'b' }] } } }, values) // true, values = ['a', 'b']
 */
export function compileFieldPath(path: string): FieldReader {
  const segs = path.split('.')
  if (segs.length === 1) {
    return (event, out) => {
      if (event === null || typeof event !== 'object' || !hasOwn.call(event, path)) return false
      pushLeaf((event as Record<string, unknown>)[path], out)
      return true
    }
  }
  // keys[i][j] = segs i..j-1 joined, built once so reading an event allocates no strings.
  const keys = segs.map((_, i) => segs.map((__, j) => (j < i ? '' : segs.slice(i, j + 1).join('.'))))
  return (event, out) => {
    if (event !== memoEvent) {
      memoEvent = event
      memo.clear()
    }
    let read = memo.get(path)
    if (!read) {
      const values: unknown[] = []
      read = { found: walk(event, keys, segs.length, 0, values), values }
      memo.set(path, read)
    }
    for (const v of read.values) out.push(v)
    return read.found
  }
}

// Dozens of rules read the same few nested fields (objectRef.resource, user.username) of the same
// event in a row: the last event's reads are kept, keyed by path. Events are never changed while
// rules read them, and one event is read at a time.
let memoEvent: unknown
const memo = new Map<string, { found: boolean; values: unknown[] }>()

function walk(node: unknown, keys: string[][], n: number, i: number, out: unknown[]): boolean {
  if (i === n) {
    pushLeaf(node, out)
    return true
  }
  if (Array.isArray(node)) {
    let found = false
    for (const el of node) if (walk(el, keys, n, i, out)) found = true
    return found
  }
  if (node === null || typeof node !== 'object') return false
  const rec = node as Record<string, unknown>
  let found = false
  // Longest key first, so a flat "objectRef.resource" key is read before nested objects are tried.
  for (let j = n; j > i; j--) {
    const key = keys[i][j - 1]
    if (hasOwn.call(rec, key) && walk(rec[key], keys, n, j, out)) found = true
  }
  return found
}

function pushLeaf(v: unknown, out: unknown[]): void {
  if (Array.isArray(v)) for (const el of v) pushLeaf(el, out)
  else out.push(v)
}

/**
 * The text form of a scalar event value for string matching (numbers and booleans included).
 * @example
 * toText(403) // '403'
 */
export function toText(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return undefined
}

const ALL_STRINGS = new WeakMap<object, string[]>()

/**
 * Every scalar value of an event as text, for keyword search; cached per event object.
 * @example
 * allStrings({ a: { b: 'x' }, c: [1] }) // ['x', '1']
 */
export function allStrings(event: Record<string, unknown>): string[] {
  const cached = ALL_STRINGS.get(event)
  if (cached) return cached
  const out: string[] = []
  const visit = (v: unknown): void => {
    const t = toText(v)
    if (t !== undefined) out.push(t)
    else if (Array.isArray(v)) v.forEach(visit)
    else if (v !== null && typeof v === 'object') for (const k in v) visit((v as Record<string, unknown>)[k])
  }
  visit(event)
  ALL_STRINGS.set(event, out)
  return out
}
