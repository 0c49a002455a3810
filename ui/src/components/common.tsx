import type { ReactNode } from 'react'
import { toApiError } from '../api/errors'
import { navigate } from '../stores/location'

/** An in-app link: keeps the page, works with the keyboard and middle-click. */
export function Link({ to, children, className, label }: { to: string; children: ReactNode; className?: string; label?: string }) {
  return (
    <a
      href={to}
      className={className}
      aria-label={label}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}

export function Severity({ level }: { level: string }) {
  return <span className={`sev sev-${level}`}>{level}</span>
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null
  const e = toApiError(error)
  return (
    <div role="alert" className="error">
      <strong>{e.code}</strong> {e.message}
      {e.hint ? <div className="hint">{e.hint}</div> : null}
    </div>
  )
}

export function Loading({ what }: { what: string }) {
  return <p aria-live="polite" className="muted">Loading {what}…</p>
}

/** A small table of value/count pairs. */
export function Tally({ title, rows }: { title: string; rows: { value: string; count: number }[] }) {
  return (
    <section className="card">
      <h3>{title}</h3>
      {rows.length === 0 ? <p className="muted">none</p> : (
        <table>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value}>
                <td>{r.value || '(empty)'}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
