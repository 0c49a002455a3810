import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { apiFetch, setUnauthorizedHandler } from './api/client'
import { OkSchema } from './api/schemas'
import { Link, Loading } from './components/common'
import { useAlertStream } from './hooks/use-alert-stream'
import { useMe } from './hooks/queries'
import { loginUrl, matchRoute, type Route } from './model/route'
import { AlertsPage } from './pages/Alerts/Page'
import { AuditPage } from './pages/Audit/Page'
import { ExposurePage } from './pages/Exposure/Page'
import { InvestigationPage } from './pages/Investigation/Page'
import { LoginPage } from './pages/Login/Page'
import { OverviewPage } from './pages/Overview/Page'
import { PosturePage } from './pages/Posture/Page'
import { RulesPage } from './pages/Rules/Page'
import { SearchPage } from './pages/Search/Page'
import { navigate, useLocation } from './stores/location'

const NAV: { to: string; label: string; page: Route['page'] }[] = [
  { to: '/', label: 'Overview', page: 'overview' },
  { to: '/alerts', label: 'Alerts', page: 'alerts' },
  { to: '/search', label: 'Search', page: 'search' },
  { to: '/posture', label: 'Posture', page: 'posture' },
  { to: '/exposure', label: 'Exposure', page: 'exposure' },
  { to: '/rules', label: 'Rules', page: 'rules' },
  { to: '/audit', label: 'Audit trail', page: 'audit' },
]

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview': return <OverviewPage />
    case 'alerts': return <AlertsPage />
    case 'investigation': return <InvestigationPage alertId={route.alertId} />
    case 'search': return <SearchPage />
    case 'posture': return <PosturePage />
    case 'exposure': return <ExposurePage />
    case 'rules': return <RulesPage />
    case 'audit': return <AuditPage />
    default: return <p>Page not found. <Link to="/">Go to the overview</Link></p>
  }
}

function Shell({ route }: { route: Route }) {
  const me = useMe()
  const live = useAlertStream()
  const client = useQueryClient()
  const current = route.page === 'investigation' ? 'alerts' : route.page
  async function logout() {
    await apiFetch('/api/auth/logout', OkSchema, { method: 'POST' }).catch(() => undefined)
    client.clear()
    navigate('/login')
  }
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <nav className="nav" aria-label="Main">
        <span className="brand">kubesiem</span>
        {NAV.filter((n) => n.page !== 'audit' || me.data?.role === 'admin').map((n) => (
          <a key={n.to} href={n.to} aria-current={current === n.page ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(n.to) }}>
            {n.label}
          </a>
        ))}
        <div className="who">
          <div>alerts: <span data-testid="stream-state">{live}</span></div>
          {me.data ? <div>{me.data.user} ({me.data.role})</div> : null}
          <button type="button" onClick={() => void logout()}>Log out</button>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>{me.isPending ? <Loading what="session" /> : <Page route={route} />}</main>
    </div>
  )
}

/** The app: login outside the shell, every other page inside it; a 401 anywhere goes to login and back. */
export function App() {
  const { pathname, search } = useLocation()
  const route = matchRoute(pathname, search)
  const client = useQueryClient()
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const here = window.location
      if (here.pathname === '/login') return
      client.clear()
      navigate(loginUrl(here.pathname, here.search), { replace: true })
    })
  }, [client])
  if (route.page === 'login') return <LoginPage next={route.next} />
  return <Shell route={route} />
}
