import { isObject, type JsonObject } from '../../core/index.js'

function redactAt(value: unknown, parts: string[], marker: string): unknown {
  if (parts.length === 0) return value === undefined ? value : marker
  const [head, ...rest] = parts
  if (Array.isArray(value)) {
    return head === '*' ? value.map((item) => redactAt(item, rest, marker)) : value.map((item, i) => (String(i) === head ? redactAt(item, rest, marker) : item))
  }
  if (!isObject(value)) return value
  const out: JsonObject = { ...value }
  for (const key of Object.keys(value)) {
    if (head === '*' || key === head) out[key] = redactAt(value[key], rest, marker)
  }
  return out
}

/**
 * Blank the values at dotted paths (`*` = any key or element). Paths that are absent change nothing.
 * @example redactPaths(ev, ['requestObject.spec.env.*.value'], '[REDACTED]')
 */
export function redactPaths(value: JsonObject, paths: string[], marker: string): JsonObject {
  return paths.reduce<JsonObject>((acc, path) => redactAt(acc, path.split('.'), marker) as JsonObject, value)
}
