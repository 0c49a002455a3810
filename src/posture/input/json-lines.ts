/**
 * Line numbers of the object elements of every `items` array in a JSON text, keyed by the array's
 * path (`items`, `items.3.items`), found in one scan. Lets a large `kubectl get -o json` dump be
 * decoded with JSON.parse (about 60x faster than a YAML parse) and still give each object its line.
 * Only container elements are counted, which is all a List holds.
 * @example
 * itemLines('{"items": [\n{"kind": "Pod"}]}').get('items') // [2]
 */
export function itemLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  // One frame per open container: its path; for objects the last key read, for arrays the count of container elements.
  const stack: Array<{ array: boolean; path: string; key: string; count: number }> = []
  let line = 1
  let lastString = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    else if (c === 34) {
      let j = i + 1
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1
      lastString = text.slice(i + 1, j)
      i = j
    } else if (c === 58) {
      const top = stack[stack.length - 1]
      if (top && !top.array) top.key = lastString
    } else if (c === 123 || c === 91) {
      const top = stack[stack.length - 1]
      let path = ''
      if (top?.array) {
        const index = top.count++
        lines.get(top.path)?.push(line)
        path = `${top.path}.${index}`
      } else if (top) path = top.path === '' ? top.key : `${top.path}.${top.key}`
      if (c === 91 && (path === 'items' || path.endsWith('.items'))) lines.set(path, [])
      stack.push({ array: c === 91, path, key: '', count: 0 })
    } else if (c === 125 || c === 93) stack.pop()
  }
  return lines
}
