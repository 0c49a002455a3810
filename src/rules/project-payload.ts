type Json = Record<string, unknown>

const isPlainObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * A projection of event payloads onto some dotted field paths: the smallest copy that reads the
 * same for those paths. Where a path cannot be followed key by key, what a reader could still
 * reach is kept: an array whole, and keys that spell the rest of the path with dots. Detection threads send projections instead of whole events to the thread that keeps state.
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
    // Perhaps the rest of the path is one key with dots in it (an annotation name): keep those.
    if (i > 0) for (const k of Object.keys(from)) if (k.startsWith(`${key}.`)) to[k] = from[k]
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
