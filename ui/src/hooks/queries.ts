import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiFetch } from '../api/client'
import * as S from '../api/schemas'
import type { AlertFilters } from '../stores/alert-filters'

function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : ''
}

export const useMe = () => useQuery({ queryKey: ['me'], queryFn: () => apiFetch('/api/auth/me', S.MeSchema), retry: false, staleTime: 60_000 })
export const useAuthConfig = () => useQuery({ queryKey: ['auth-config'], queryFn: () => apiFetch('/api/auth/config', S.AuthConfigSchema) })
export const useOverview = (hours: number) => useQuery({ queryKey: ['overview', hours], queryFn: () => apiFetch(`/api/overview${qs({ hours })}`, S.OverviewSchema), refetchInterval: 30_000 })
export const useAlerts = (f: AlertFilters) => useQuery({ queryKey: ['alerts', f], queryFn: () => apiFetch(`/api/alerts${qs({ ...f, limit: 500 })}`, S.AlertPageSchema) })
export const useInvestigation = (id: string) => useQuery({ queryKey: ['investigation', id], queryFn: () => apiFetch(`/api/alerts/${encodeURIComponent(id)}/investigation`, S.InvestigationSchema) })
export const useRules = () => useQuery({ queryKey: ['rules'], queryFn: () => apiFetch('/api/rules', S.RulesSchema) })
export const useExceptions = () => useQuery({ queryKey: ['exceptions'], queryFn: () => apiFetch('/api/exceptions', S.ExceptionsSchema) })
export const useFindings = (kind: 'posture' | 'exposure') => useQuery({ queryKey: [kind], queryFn: () => apiFetch(`/api/${kind}`, S.PostureSchema) })
export const useSavedSearches = () => useQuery({ queryKey: ['searches'], queryFn: () => apiFetch('/api/searches', S.SavedSearchesSchema) })

export interface SearchParams {
  q: string
  from?: string
  offset: number
  limit: number
}

export function searchPath(kind: 'search' | 'search/facets' | 'search/export', p: Partial<SearchParams> & { format?: string }): string {
  return `/api/${kind}${qs({ q: p.q, from: p.from, limit: p.limit, offset: p.offset, format: p.format })}`
}

export const useSearch = (p: SearchParams) => useQuery({ queryKey: ['search', p], queryFn: () => apiFetch(searchPath('search', p), S.EventPageSchema), retry: false })
export const useFacets = (p: SearchParams) => useQuery({ queryKey: ['facets', p.q, p.from], queryFn: () => apiFetch(searchPath('search/facets', p), S.FacetsSchema), retry: false })

/** A mutation that refreshes the alert views when it lands. */
function useAlertMutation<V, T>(run: (v: V) => Promise<T>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      for (const key of ['alerts', 'investigation', 'overview', 'rules', 'exceptions']) void client.invalidateQueries({ queryKey: [key] })
    },
  })
}

export type Patch = { status?: 'acknowledged' | 'resolved' | 'false_positive'; assignee?: string | null; comment?: string }
export const useTriage = () => useAlertMutation((v: { id: string } & Patch) => apiFetch(`/api/alerts/${encodeURIComponent(v.id)}`, S.AlertSchema, { method: 'PATCH', body: { ...v, id: undefined } }))
export const useBulkTriage = () => useAlertMutation((v: { ids: string[] } & Patch) => apiFetch('/api/alerts/bulk', S.BulkSchema, { method: 'POST', body: v }))
export const useSuppress = () => useAlertMutation((v: { id: string; fields: string[]; reason: string; expiresInDays: number }) => apiFetch(`/api/alerts/${encodeURIComponent(v.id)}/suppress`, S.ExceptionSchema, { method: 'POST', body: { fields: v.fields, reason: v.reason, expiresInDays: v.expiresInDays } }))
export const useDeleteException = () => useAlertMutation((id: string) => apiFetch(`/api/exceptions/${encodeURIComponent(id)}`, S.OkSchema, { method: 'DELETE' }))
export const useToggleRule = () => useAlertMutation((v: { id: string; enabled: boolean }) => apiFetch(`/api/rules/${encodeURIComponent(v.id)}`, S.OkSchema, { method: 'PUT', body: { enabled: v.enabled } }))

export function useSaveSearch() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { name: string; query: string }) => apiFetch('/api/searches', S.SavedSearchSchema, { method: 'POST', body: v }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['searches'] }),
  })
}
