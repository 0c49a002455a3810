import type { KubeEvent } from '../../core/index.js'

export const CSV_COLUMNS = ['time', 'cluster', 'verb', 'user', 'sourceIPs', 'userAgent', 'resource', 'namespace', 'name', 'responseCode', 'id'] as const

// Spreadsheets run cells that start with = + - @ as formulas (OWASP "CSV injection"): quote them as text.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Events as CSV, one row each, header first.
 * @example toCsv(page.events).split('\n')[0] // 'time,cluster,verb,…'
 */
export function toCsv(events: KubeEvent[]): string {
  const rows = events.map((e) => [e.time, e.cluster, e.verb, e.user.name, e.sourceIPs.join(' '), e.userAgent, e.objectRef.resource ?? '', e.objectRef.namespace ?? '', e.objectRef.name ?? '', String(e.responseCode ?? ''), e.id].map(cell).join(','))
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n'
}
