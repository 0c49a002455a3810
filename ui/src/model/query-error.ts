/**
 * Point at a syntax error: the query and a caret line under the offending character.
 * @example caretLines('verb:create "x', 12) // ['verb:create "x', '            ^']
 */
export function caretLines(query: string, position: number | undefined): [string, string] | undefined {
  if (position === undefined || position < 0) return undefined
  const at = Math.min(position, query.length)
  return [query, `${' '.repeat(at)}^`]
}

/**
 * Add (or replace) a `field:value` term in a query, quoting values with spaces.
 * @example withTerm('verb:get', 'user', 'alice') // 'verb:get user:alice'
 */
export function withTerm(query: string, field: string, value: string): string {
  const quoted = /[\s"]/.test(value) || value === '' ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value
  const rest = query.replace(new RegExp(`(^|\\s)${field}:("(?:[^"\\\\]|\\\\.)*"|\\S+)`, 'g'), '').trim()
  return [rest, `${field}:${quoted}`].filter(Boolean).join(' ')
}
