import { useState } from 'react'
import { SEVERITIES, STATUSES, type Alert } from '../../api/schemas'
import { ErrorBox, Link, Loading, Severity } from '../../components/common'
import { useAlerts, useBulkTriage, useRules, useTriage, type Patch } from '../../hooks/queries'
import { formatTime } from '../../model/format'
import { setAlertFilter, useAlertFilters, type AlertFilters } from '../../stores/alert-filters'
import { navigate } from '../../stores/location'
import './Page.css'

const TEXT_FILTERS: [keyof AlertFilters, string][] = [['cluster', 'Cluster'], ['namespace', 'Namespace'], ['user', 'Identity']]

export function AlertFiltersBar({ filters, onChange, rules = [] }: { filters: AlertFilters; onChange: (key: keyof AlertFilters, value: string) => void; rules?: { id: string; title: string }[] }) {
  return (
    <form className="filters" role="search" aria-label="Alert filters" onSubmit={(e) => e.preventDefault()}>
      <label>Severity
        <select value={filters.severity} onChange={(e) => onChange('severity', e.target.value)}>
          <option value="">any</option>{SEVERITIES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label>Status
        <select value={filters.status} onChange={(e) => onChange('status', e.target.value)}>
          <option value="">any</option>{STATUSES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label>Rule
        <select value={filters.ruleId} onChange={(e) => onChange('ruleId', e.target.value)}>
          <option value="">any</option>{rules.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
        </select>
      </label>
      {TEXT_FILTERS.map(([key, label]) => (
        <label key={key}>{label}<input value={filters[key]} onChange={(e) => onChange(key, e.target.value)} /></label>
      ))}
    </form>
  )
}

export function AlertTable({ alerts, selected, onSelect, onTriage, busy }: {
  alerts: Alert[]; selected: Set<string>; onSelect: (id: string, on: boolean) => void; onTriage: (id: string, patch: Patch) => void; busy: boolean
}) {
  return (
    <table className="alerts" aria-label="Alerts">
      <thead><tr><th><span className="sr-only">Select</span></th><th>Severity</th><th>Rule</th><th>Identity</th><th>Namespace</th><th>Cluster</th><th>Last seen</th><th className="num">Count</th><th>Status</th><th>Actions</th></tr></thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} className="clickable" data-alert-id={a.id}>
            <td><input type="checkbox" aria-label={`Select alert ${a.rule.title}`} checked={selected.has(a.id)} onChange={(e) => onSelect(a.id, e.target.checked)} /></td>
            <td><Severity level={a.severity} /></td>
            <td><Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.rule.title}</Link><div className="muted">{a.summary}</div></td>
            <td>{a.entity.user ?? '—'}</td>
            <td>{a.entity.namespace ?? '—'}</td>
            <td>{a.entity.cluster}</td>
            <td>{formatTime(a.lastSeen)}</td>
            <td className="num">{a.count}</td>
            <td><span className={`status status-${a.status}`}>{a.status}</span>{a.assignee ? <div className="muted">→ {a.assignee}</div> : null}</td>
            <td className="actions">
              {a.status === 'new' ? <button type="button" disabled={busy} onClick={() => onTriage(a.id, { status: 'acknowledged' })}>Acknowledge</button> : null}
              <button type="button" onClick={() => navigate(`/alerts/${encodeURIComponent(a.id)}`)}>Investigate</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function AlertsPage() {
  const filters = useAlertFilters()
  const alerts = useAlerts(filters)
  const rules = useRules()
  const triage = useTriage()
  const bulk = useBulkTriage()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const select = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n })
  const bulkDo = (patch: Patch) => bulk.mutate({ ids: [...selected], ...patch }, { onSuccess: () => setSelected(new Set()) })
  return (
    <div className="alerts-page">
      <h1>Alerts {alerts.data ? <span className="muted">({alerts.data.total})</span> : null}</h1>
      <AlertFiltersBar filters={filters} onChange={setAlertFilter} rules={(rules.data?.rules ?? []).filter((r) => r.alerts > 0).sort((a, b) => a.title.localeCompare(b.title))} />
      <div className="bulk" role="toolbar" aria-label="Bulk actions">
        <span>{selected.size} selected</span>
        <button type="button" disabled={!selected.size} onClick={() => bulkDo({ status: 'acknowledged' })}>Acknowledge selected</button>
        <button type="button" disabled={!selected.size} onClick={() => bulkDo({ status: 'resolved' })}>Resolve selected</button>
        <button type="button" disabled={!selected.size} onClick={() => bulkDo({ status: 'false_positive' })}>Mark false positive</button>
      </div>
      <ErrorBox error={alerts.error ?? triage.error ?? bulk.error} />
      {bulk.data?.results.some((r) => !r.ok) ? <div role="alert" className="error">{bulk.data.results.filter((r) => !r.ok).map((r) => r.error).join('; ')}</div> : null}
      {alerts.data ? <AlertTable alerts={alerts.data.alerts} selected={selected} onSelect={select} onTriage={(id, patch) => triage.mutate({ id, ...patch })} busy={triage.isPending} /> : <Loading what="alerts" />}
    </div>
  )
}
