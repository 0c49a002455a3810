import { useSyncExternalStore } from 'react'

/** The Alerts page's filters: kept while moving between pages, lost on reload. */
export interface AlertFilters {
  cluster: string
  severity: string
  ruleId: string
  status: string
  namespace: string
  user: string
}

const EMPTY: AlertFilters = { cluster: '', severity: '', ruleId: '', status: '', namespace: '', user: '' }
let filters = EMPTY
const listeners = new Set<() => void>()

export function setAlertFilter(key: keyof AlertFilters, value: string): void {
  filters = { ...filters, [key]: value }
  for (const l of listeners) l()
}

export function resetAlertFilters(): void {
  filters = EMPTY
  for (const l of listeners) l()
}

export function useAlertFilters(): AlertFilters {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => filters, () => filters)
}
