// The texts of a field with no values: shared, never written.
const NO_TEXT: ReadonlyArray<string | undefined> = Object.freeze([])

/**
 * What one field of one event holds: every value found (array leaves flattened) and whether the
 * field exists, with the values' text and lower-cased text computed on first use. Shared by every
 * rule that reads the same field of the same event, and reused for the next event: read it at
 * once, never keep or mutate it.
 */
export class FieldValues {
  found = false
  values: unknown[] = []
  private textList: ReadonlyArray<string | undefined> | undefined
  private lowerList: ReadonlyArray<string | undefined> | undefined

  /** An empty values list to fill for another event (most fields are missing: those allocate nothing). */
  clearValues(): unknown[] {
    if (this.values.length > 0) this.values = []
    return this.values
  }

  /** Start over for another event, once `values` is filled. */
  reset(found: boolean): void {
    this.found = found
    this.textList = undefined
    this.lowerList = undefined
  }

  /** The text of each value (see {@link toText}; undefined for non-scalars). */
  texts(): ReadonlyArray<string | undefined> {
    return (this.textList ??= this.values.length === 0 ? NO_TEXT : textsOf(this.values))
  }

  /** The lower-cased text of each value. */
  lower(): ReadonlyArray<string | undefined> {
    return (this.lowerList ??= this.values.length === 0 ? NO_TEXT : lowerOf(this.texts()))
  }
}

// Nearly every value rules read is a string, and most are lower-case already: then the list itself
// is its texts and its lower-cased texts, and reading a field allocates no copies of it.
function textsOf(values: unknown[]): ReadonlyArray<string | undefined> {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string') return values.map(toText)
  return values as string[]
}

function lowerOf(texts: ReadonlyArray<string | undefined>): ReadonlyArray<string | undefined> {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]
    if (t !== undefined && t.toLowerCase() !== t) return texts.map((x) => x?.toLowerCase())
  }
  return texts
}

/** Reads a field from an event. */
export type FieldReader = (event: unknown) => FieldValues

const hasOwn = Object.prototype.hasOwnProperty

// Dozens of rules read the same few fields (verb, objectRef.resource, user.username) of the same
// event in a row: each distinct path has one slot, filled once per event and reused for the next,
// so reading allocates nothing once warm. Events are never changed while rules read them, and one
// event is read at a time (synchronously), so a slot is never read across events.
let memoEvent: unknown
let memoFlat = false
let epoch = 0
const slots = new Map<string, { epoch: number; fv: FieldValues }>()

/**
 * Compile a dotted Sigma field name into a reader. Dots walk nested objects, and arrays on the way
 * (or at the end) yield every element. A literal key with dots is read too: any dotted prefix at
 * the top level (flattened events), the rest of the path below it (annotation and label keys).
 * @example
 * const read = compileFieldPath('requestObject.spec.containers.image')
 * read({ requestObject: { spec: { containers: [{ image: 'a' }, { image: 'b' }] } } }).values // ['a', 'b']
 */
export function compileFieldPath(path: string): FieldReader {
  const segs = path.split('.')
  // keys[i][j] = segs i..j joined, built once so reading an event allocates no strings.
  const keys = segs.map((_, i) => segs.map((__, j) => (j < i ? '' : segs.slice(i, j + 1).join('.'))))
  let slot = slots.get(path)
  if (!slot) slots.set(path, (slot = { epoch: -1, fv: new FieldValues() }))
  const mine = slot
  return (event) => {
    if (event !== memoEvent) {
      memoEvent = event
      memoFlat = hasDottedKey(event)
      epoch++
    }
    if (mine.epoch !== epoch) {
      mine.epoch = epoch
      const out = mine.fv.clearValues()
      mine.fv.reset(memoFlat ? walk(event, keys, segs.length, 0, out, true) : walkPlain(event, segs, keys, out))
    }
    return mine.fv
  }
}

// At the top level every dotted prefix may be a key (a flattened event: "objectRef.resource",
// "requestObject.spec.containers"), so all are tried when the event has any dotted key. Below it,
// dotted keys are annotation and label names, always leaves: only the whole rest of the path is
// tried as one key. Trying every prefix at every level cost a quarter of all rule matching.
function walk(node: unknown, keys: string[][], n: number, i: number, out: unknown[], allPrefixes: boolean): boolean {
  if (i === n) {
    pushLeaf(node, out)
    return true
  }
  if (Array.isArray(node)) {
    let found = false
    for (const el of node) if (walk(el, keys, n, i, out, allPrefixes)) found = true
    return found
  }
  if (node === null || typeof node !== 'object') return false
  const rec = node as Record<string, unknown>
  let found = false
  // Longest key first, so a flat "objectRef.resource" key is read before nested objects are tried.
  for (let j = n; j > i; j--) {
    // Without dotted keys at the top (allPrefixes false there), the whole path is no top-level key either.
    if (j !== i + 1 && !allPrefixes && (j !== n || i === 0)) continue
    const key = keys[i][j - 1]
    // A keyed load misses fast; hasOwn only confirms a hit (not 'constructor' from the prototype).
    const child = rec[key]
    if (child !== undefined && hasOwn.call(rec, key) && walk(child, keys, n, j, out, false)) found = true
  }
  return found
}

// walk() for an event without dotted top-level keys, as a loop: one key per level while the nodes
// are plain objects, which is nearly every read. An array on the way, or a dotted key holding the
// rest of the path (an annotation name), hands over to walk() at that level.
function walkPlain(event: unknown, segs: string[], keys: string[][], out: unknown[]): boolean {
  const n = segs.length
  let node = event
  for (let i = 0; i < n; i++) {
    if (node === null || typeof node !== 'object') return false
    if (Array.isArray(node)) return walk(node, keys, n, i, out, false)
    const rec = node as Record<string, unknown>
    if (i > 0 && i < n - 1 && rec[keys[i][n - 1]] !== undefined) return walk(node, keys, n, i, out, false)
    const child = rec[segs[i]]
    if (child === undefined || !hasOwn.call(rec, segs[i])) return false
    node = child
  }
  pushLeaf(node, out)
  return true
}

// Events of one source share their top-level keys, in order: a scan of each key's text cost ~25 ns
// a key, comparing the keys with the last event's (the same interned strings) a fraction of that.
let lastKeys: string[] = []
let lastDotted = false
function hasDottedKey(event: unknown): boolean {
  if (event === null || typeof event !== 'object') return false
  const keys = Object.keys(event)
  if (keys.length === lastKeys.length) {
    let same = true
    for (let i = 0; i < keys.length && same; i++) same = keys[i] === lastKeys[i]
    if (same) return lastDotted
  }
  lastKeys = keys
  lastDotted = keys.some((key) => key.includes('.'))
  return lastDotted
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

const ALL_VALUES = new WeakMap<object, FieldValues>()

/**
 * Every scalar value of an event as text, for keyword search; cached per event object.
 * @example
 * allValues({ a: { b: 'x' }, c: [1] }).values // ['x', '1']
 */
export function allValues(event: Record<string, unknown>): FieldValues {
  const cached = ALL_VALUES.get(event)
  if (cached) return cached
  const fv = new FieldValues()
  const visit = (v: unknown): void => {
    const t = toText(v)
    if (t !== undefined) fv.values.push(t)
    else if (Array.isArray(v)) v.forEach(visit)
    else if (v !== null && typeof v === 'object') for (const k in v) visit((v as Record<string, unknown>)[k])
  }
  visit(event)
  fv.reset(true)
  ALL_VALUES.set(event, fv)
  return fv
}
