type Json = Record<string, unknown>

const isPlainObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * A projection of event payloads onto some dotted field paths: the smallest copy that reads the
 * same for those paths. Where a path cannot be followed key by key (an array, a key with dots in
 * it, a missing key), the whole value at that level is kept, so nothing a reader could reach is
 * lost. Detection threads send projections instead of whole events to the thread that keeps state.
 * @example
 * const project = payloadProjector(['user.username', 'objectRef.namespace'])
 * project({ user: { username: 'bob', groups: ['a'] }, objectRef: { namespace: 'x', name: 'y' }, requestObject: {…} })
 * // { user: { username: 'bob' }, objectRef: { namespace: 'x' } }
 */
export function payloadProjector(fields: readonly string[]): (payload: Json) => Json {
  const paths = fields.map((f) => {
    const segs = f.split('.')
    // A flattened event names a dotted prefix of the path as one top-level key.
    return { segs, dottedPrefixes: segs.slice(1).map((_, j) => segs.slice(0, j + 2).join('.')) }
  })
  return (payload) => {
    const out: Json = {}
    for (const { segs, dottedPrefixes } of paths) {
      for (const prefix of dottedPrefixes) if (Object.prototype.hasOwnProperty.call(payload, prefix)) out[prefix] = payload[prefix]
      copyPath(payload, out, segs, 0)
    }
    return out
  }
}

function copyPath(from: Json, to: Json, segs: string[], i: number): void {
  const key = segs[i]
  if (!Object.prototype.hasOwnProperty.call(from, key)) {
    // Perhaps a key with dots (an annotation name): keep this level whole.
    if (i > 0) Object.assign(to, from)
    return
  }
  const value = from[key]
  if (i === segs.length - 1 || !isPlainObject(value)) {
    to[key] = value
    return
  }
  const existing = to[key]
  // Another path already kept this subtree whole: nothing to add.
  if (existing !== undefined && existing === value) return
  const child = isPlainObject(existing) ? existing : {}
  to[key] = child
  copyPath(value, child, segs, i + 1)
}
