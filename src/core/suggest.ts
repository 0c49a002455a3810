/**
 * Levenshtein distance between two strings (insertions, deletions, substitutions).
 * @example editDistance('contans', 'contains') // 1
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

/**
 * The known name closest to a misspelt one, case-insensitively, when it is close enough to be a
 * typo (edit distance at most 2, or a third of the word); undefined otherwise.
 * @example closestName('objectRef.resorce', ['objectRef.resource', 'verb']) // 'objectRef.resource'
 */
export function closestName(got: string, known: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const k of known) {
    const d = editDistance(got.toLowerCase(), k.toLowerCase())
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(got.length / 3)) ? best : undefined
}
