import type { z } from 'zod'
import { ApiError } from './errors'

let onUnauthorized: () => void = () => undefined

/** Where a 401 sends the user (the app sets it: to the login page, remembering the page). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

/** The CSRF token the server set in the readable `ks_csrf` cookie. */
export function csrfToken(): string {
  const match = /(?:^|;\s*)ks_csrf=([^;]+)/.exec(typeof document === 'undefined' ? '' : document.cookie)
  return match ? decodeURIComponent(match[1]!) : ''
}

/**
 * Fetch a JSON API route and validate the answer; every failure becomes an ApiError, and a 401
 * (an expired session) goes through the unauthorized handler.
 * @example const overview = await apiFetch('/api/overview', OverviewSchema)
 */
export async function apiFetch<T>(path: string, schema: z.ZodType<T>, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET'
  const headers: Record<string, string> = {}
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken()
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) })
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', `the server answered ${res.status} with non-JSON`)
  }
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; hint?: string; position?: number } } | undefined)?.error
    if (res.status === 401 && !path.startsWith('/api/auth/login')) onUnauthorized()
    throw new ApiError(res.status, error?.code ?? 'HTTP', error?.message ?? `HTTP ${res.status}`, error?.hint, error?.position)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiError(res.status, 'SCHEMA', `unexpected answer from ${path}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`)
  return parsed.data
}
