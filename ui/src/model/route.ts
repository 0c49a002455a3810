/** The UI's pages and their paths. */
export type Route =
  | { page: 'login'; next: string }
  | { page: 'overview' }
  | { page: 'alerts' }
  | { page: 'investigation'; alertId: string }
  | { page: 'search' }
  | { page: 'posture' }
  | { page: 'exposure' }
  | { page: 'rules' }
  | { page: 'audit' }
  | { page: 'notFound' }

/**
 * Match a location to a page.
 * @example matchRoute('/alerts/abc', '') // { page: 'investigation', alertId: 'abc' }
 */
export function matchRoute(pathname: string, search: string): Route {
  if (pathname === '/login') {
    const next = new URLSearchParams(search).get('next') ?? '/'
    return { page: 'login', next: next.startsWith('/') && !next.startsWith('//') ? next : '/' }
  }
  if (pathname === '/' || pathname === '') return { page: 'overview' }
  const alert = /^\/alerts\/([^/]+)$/.exec(pathname)
  if (alert) return { page: 'investigation', alertId: decodeURIComponent(alert[1]!) }
  const simple = ['alerts', 'search', 'posture', 'exposure', 'rules', 'audit'] as const
  const name = pathname.slice(1) as (typeof simple)[number]
  return simple.includes(name) ? { page: name } : { page: 'notFound' }
}

/** The login URL that brings the user back to where they were. */
export function loginUrl(pathname: string, search: string): string {
  if (pathname === '/login') return `/login${search}`
  return `/login?next=${encodeURIComponent(pathname + search)}`
}
