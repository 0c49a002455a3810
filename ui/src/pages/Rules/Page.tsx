import type { AlertException, Rule } from '../../api/schemas'
import { ErrorBox, Loading, Severity } from '../../components/common'
import { useDeleteException, useExceptions, useMe, useRules, useToggleRule } from '../../hooks/queries'
import { formatRate, formatTime } from '../../model/format'
import './Page.css'

export function RulesView({ rules, exceptions, canToggle, canDelete, onToggle, onDelete }: {
  rules: Rule[]; exceptions: AlertException[]; canToggle: boolean; canDelete: boolean; onToggle: (id: string, enabled: boolean) => void; onDelete: (id: string) => void
}) {
  const sorted = [...rules].sort((a, b) => b.alerts - a.alerts || b.hits - a.hits || a.title.localeCompare(b.title))
  const titles = new Map(rules.map((r) => [r.id, r.title]))
  return (
    <div className="rules">
      <h1>Rules <span className="muted">({rules.filter((r) => r.enabled).length} of {rules.length} on)</span></h1>
      <table aria-label="Rules">
        <thead><tr><th>On</th><th>Rule</th><th>Severity</th><th>Status</th><th className="num">Hits</th><th className="num">Alerts</th><th className="num">False positives</th><th className="num">Exceptions</th></tr></thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id}>
              <td><input type="checkbox" role="switch" aria-label={`Rule ${r.title} enabled`} checked={r.enabled} disabled={!canToggle} onChange={(e) => onToggle(r.id, e.target.checked)} />{r.enabled && !r.running ? <span className="muted" title="takes effect at the next start"> (restart)</span> : null}</td>
              <td>{r.title}<div className="muted">{r.source} · {r.id}{r.changedBy ? ` · changed by ${r.changedBy}` : ''}</div></td>
              <td><Severity level={r.severity} /></td><td>{r.status ?? '—'}</td>
              <td className="num">{r.hits}</td><td className="num">{r.alerts}</td><td className="num">{formatRate(r.falsePositiveRate)}</td><td className="num">{r.exceptions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card">
        <h2>Exceptions</h2>
        {exceptions.length === 0 ? <p className="muted">None. Create one from an alert with "Suppress similar alerts".</p> : (
          <table aria-label="Exceptions">
            <thead><tr><th>Rule</th><th>When</th><th>Reason</th><th>By</th><th>Expires</th><th /></tr></thead>
            <tbody>{exceptions.map((e) => (
              <tr key={e.id}><td>{titles.get(e.ruleId) ?? e.ruleId}</td><td>{Object.entries(e.fields).map(([k, v]) => `${k} = ${v}`).join(', ')}</td><td>{e.reason}</td><td>{e.createdBy}</td><td>{formatTime(e.expiresAt)}</td>
                <td>{canDelete ? <button type="button" onClick={() => onDelete(e.id)}>Delete</button> : null}</td></tr>
            ))}</tbody>
          </table>
        )}
      </section>
    </div>
  )
}

export function RulesPage() {
  const rules = useRules()
  const exceptions = useExceptions()
  const me = useMe()
  const toggle = useToggleRule()
  const remove = useDeleteException()
  if (rules.isPending) return <Loading what="rules" />
  return (
    <>
      <ErrorBox error={rules.error ?? exceptions.error ?? toggle.error ?? remove.error} />
      {rules.data ? <RulesView rules={rules.data.rules} exceptions={exceptions.data?.exceptions ?? []} canToggle={me.data?.role === 'admin'} canDelete={me.data?.role === 'admin' || me.data?.role === 'analyst'}
        onToggle={(id, enabled) => toggle.mutate({ id, enabled })} onDelete={(id) => remove.mutate(id)} /> : null}
    </>
  )
}
