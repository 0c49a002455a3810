import type { Alert } from '../api/schemas'

/** An alert for page tests; its identity is markup, which must render as text. */
export const alert: Alert = {
  id: 'a1', rule: { id: 'r1', title: 'Exec into pod', source: 'sigma' }, severity: 'high', mitre: [], eventIds: ['e1'],
  entity: { cluster: 'demo', user: '<script>alert(1)</script>', namespace: 'shop' }, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z',
  count: 2, summary: 'sh in checkout', status: 'new',
}
