/**
 * A plain text table: a header row, then one row per item; columns padded to fit.
 * @example formatTable([{ a: 1 }], ['a'])
 */
export function formatTable(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? '')))
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((r) => r[i]!.length))))
  const line = (values: string[]): string => values.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join('  ').trimEnd()
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n')
}

/** One JSON document per line. */
export function formatJsonLines(items: unknown[]): string {
  return items.map((item) => JSON.stringify(item)).join('\n')
}
