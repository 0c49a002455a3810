import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { apiFetch } from '../../api/client'
import { toApiError, type ApiError } from '../../api/errors'
import { MeSchema } from '../../api/schemas'
import { useAuthConfig } from '../../hooks/queries'
import { navigate } from '../../stores/location'
import './Page.css'

export function LoginView({ next, oidc, error, busy, onSubmit }: { next: string; oidc: boolean; error?: ApiError; busy: boolean; onSubmit: (user: string, password: string) => void }) {
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit(user, password)
  }
  return (
    <div className="login">
      <form className="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">kubesiem</h1>
        <label>
          User name
          <input name="user" autoComplete="username" autoFocus value={user} onChange={(e) => setUser(e.target.value)} required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error ? <div role="alert" className="error">{error.message}</div> : null}
        <button className="primary" type="submit" disabled={busy}>Log in</button>
        {oidc ? <a className="sso" href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}>Sign in with single sign-on</a> : null}
        {next !== '/' ? <p className="muted">You will return to {next}</p> : null}
      </form>
    </div>
  )
}

/** The login page: after a good login, back to the page the user was on. */
export function LoginPage({ next }: { next: string }) {
  const config = useAuthConfig()
  const client = useQueryClient()
  const [error, setError] = useState<ApiError>()
  const [busy, setBusy] = useState(false)
  async function login(user: string, password: string) {
    setBusy(true)
    setError(undefined)
    try {
      await apiFetch('/api/auth/login', MeSchema.partial(), { method: 'POST', body: { user, password } })
      client.clear()
      navigate(next, { replace: true })
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }
  return <LoginView next={next} oidc={config.data?.oidc ?? false} error={error} busy={busy} onSubmit={(u, p) => void login(u, p)} />
}
