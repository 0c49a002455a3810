/** Newest Pod Security Standards version kubesiem knows; `latest` means this. */
export const LATEST_PSS_VERSION = [1, 37] as const

/**
 * Parse `v1.37`, `1.30` or `latest` into [major, minor]; undefined when malformed.
 * @example
 * parsePssVersion('v1.25') // [1, 25]
 */
export function parsePssVersion(text: string | undefined): readonly [number, number] | undefined {
  if (text === undefined || text === '' || text === 'latest') return LATEST_PSS_VERSION
  const match = /^v?(\d+)\.(\d+)$/.exec(text.trim())
  return match ? [Number(match[1]), Number(match[2])] : undefined
}

/**
 * Compare two versions: negative, zero or positive.
 * @example
 * compareVersions([1, 25], [1, 19]) > 0 // true
 */
export function compareVersions(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1]
}

/**
 * Parse a `'1.25'` literal from a check's version table.
 * @example
 * v('1.25') // [1, 25]
 */
export function v(text: string): readonly [number, number] {
  const parsed = parsePssVersion(text)
  if (!parsed) throw new Error(`bad version literal ${text}`)
  return parsed
}
