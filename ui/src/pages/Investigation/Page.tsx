import { useState } from 'react'
import type { Alert, Investigation, KubeEvent } from '../../api/schemas'
import { ErrorBox, Link, Loading, Severity, Tally } from '../../components/common'
import { useInvestigation, useSuppress, useTriage, type Patch } from '../../hooks/queries'
import { formatTime, objectLabel } from '../../model/format'
import './Page.css'

export function EventTable({ events, label, highlight }: { events: KubeEvent[]; label: string; highlight?: Set<string> }) {
  const [open, setOpen] = useState<string>()
  return (
    <table aria-label={label}>
      <thead><tr><th>Time</th><th>Verb</th><th>Object</th><th>Code</th><th>From</th><th>User agent</th></tr></thead>
      <tbody>
        {events.map((e) => [
          <tr key={e.id} tabIndex={0} className={`clickable${highlight?.has(e.id) ? ' evidence' : ''}`} aria-expanded={open === e.id}
            onClick={() => setOpen(open === e.id ? undefined : e.id)} onKeyDown={(k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); setOpen(open === e.id ? undefined : e.id) } }}>
            <td>{formatTime(e.time)}</td><td>{e.verb}</td><td>{objectLabel(e.objectRef)}</td><td>{e.responseCode ?? ''}</td><td>{e.sourceIPs.join(', ')}</td><td className="ua">{e.userAgent}</td>
          </tr>,
          open === e.id ? <tr key={`${e.id}-raw`}><td colSpan={6}><pre aria-label="Raw event (redacted)">{JSON.stringify(e.payload, null, 2)}</pre></td></tr> : null,
        ])}
      </tbody>
    </table>
  )
}

function TriagePanel({ alert, onTriage, onSuppress, busy }: { alert: Alert; onTriage: (p: Patch) => void; onSuppress: (fields: string[], reason: string, days: number) => void; busy: boolean }) {
  const [assignee, setAssignee] = useState(alert.assignee ?? '')
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [days, setDays] = useState(30)
  const fields = (['user', 'namespace', 'resource', 'cluster'] as const).filter((f) => alert.entity[f])
  const [chosen, setChosen] = useState<string[]>(fields.filter((f) => f === 'user' || f === 'namespace'))
  const closed = alert.status === 'resolved' || alert.status === 'false_positive'
  return (
    <section className="card triage" aria-labelledby="triage-title">
      <h2 id="triage-title">Triage <span className={`status status-${alert.status}`} data-testid="alert-status">{alert.status}</span></h2>
      <p className="muted">acknowledged {formatTime(alert.ackAt)} · resolved {formatTime(alert.resolvedAt)} · detected {formatTime(alert.detectedAt)}</p>
      <div className="row">
        {alert.status === 'new' ? <button className="primary" type="button" disabled={busy} onClick={() => onTriage({ status: 'acknowledged' })}>Acknowledge</button> : null}
        {!closed ? <button type="button" disabled={busy} onClick={() => onTriage({ status: 'resolved' })}>Resolve</button> : null}
        {!closed ? <button type="button" disabled={busy} onClick={() => onTriage({ status: 'false_positive' })}>False positive</button> : null}
        {closed ? <button type="button" disabled={busy} onClick={() => onTriage({ status: 'acknowledged' })}>Reopen</button> : null}
      </div>
      <form className="row" onSubmit={(e) => { e.preventDefault(); onTriage({ assignee: assignee || null }) }}>
        <label>Assignee <input value={assignee} onChange={(e) => setAssignee(e.target.value)} /></label>
        <button type="submit">Assign</button>
      </form>
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (comment) { onTriage({ comment }); setComment('') } }}>
        <label>Comment <input value={comment} onChange={(e) => setComment(e.target.value)} /></label>
        <button type="submit">Add comment</button>
      </form>
      <ul className="comments">{(alert.comments ?? []).map((c, i) => <li key={i}><strong>{c.author}</strong> {formatTime(c.time)}: {c.text}</li>)}</ul>
      <details>
        <summary>Suppress similar alerts</summary>
        <form onSubmit={(e) => { e.preventDefault(); onSuppress(chosen, reason, days) }}>
          <fieldset>
            <legend>Same rule and the same</legend>
            {fields.map((f) => (
              <label key={f}><input type="checkbox" checked={chosen.includes(f)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, f] : c.filter((x) => x !== f)))} /> {f} = {alert.entity[f]}</label>
            ))}
          </fieldset>
          <label>Reason <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} /></label>
          <label>Expires in days <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(Number(e.target.value))} /></label>
          <button type="submit" disabled={!chosen.length}>Create exception</button>
        </form>
      </details>
    </section>
  )
}

export function InvestigationView({ data, triage }: { data: Investigation; triage?: React.ReactNode }) {
  const { alert, identity, target, incident, canDo } = data
  const evidence = new Set(data.evidence.map((e) => e.id))
  return (
    <div className="investigation">
      <p><Link to="/alerts">← Alerts</Link></p>
      <h1><Severity level={alert.severity} /> {alert.rule.title}</h1>
      <p>{alert.summary}</p>
      <p className="muted">{alert.entity.cluster} · first {formatTime(alert.firstSeen)} · last {formatTime(alert.lastSeen)} · {alert.count} events · {alert.mitre.join(', ')}</p>
      {triage}
      <section className="card" aria-labelledby="incident-title">
        <h2 id="incident-title">Incident: {incident.alerts.length} related alerts <span className="muted">({incident.rule})</span></h2>
        <ul>{incident.alerts.map((a) => <li key={a.id}>{formatTime(a.firstSeen)} <Severity level={a.severity} /> {a.id === alert.id ? <strong>{a.rule.title}</strong> : <Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.rule.title}</Link>} <span className="muted">{a.status}</span></li>)}</ul>
      </section>
      {identity ? (
        <section className="card" aria-labelledby="identity-title">
          <h2 id="identity-title">Identity timeline: {identity.user} <span className="muted">±1 h, {identity.timelineTotal} events; groups {identity.groups.join(', ') || '—'}</span></h2>
          <div className="grid">
            <Tally title="From addresses" rows={identity.addresses} />
            <Tally title="User agents" rows={identity.userAgents} />
            <Tally title="What it touched" rows={identity.touched.slice(0, 15)} />
          </div>
          <EventTable events={identity.timeline} label="Identity timeline" highlight={evidence} />
        </section>
      ) : <p className="muted">The alert names no identity.</p>}
      <section className="card" aria-labelledby="blast-title">
        <h2 id="blast-title">Blast radius: what {identity?.user ?? 'the identity'} can do</h2>
        {canDo.loaded ? (
          <table aria-label="RBAC rules held"><thead><tr><th>Verbs</th><th>Resources</th><th>API groups</th></tr></thead>
            <tbody>{canDo.rules.map((r, i) => <tr key={i}><td>{(r.verbs ?? []).join(', ')}</td><td>{(r.resources ?? []).join(', ')}</td><td>{(r.apiGroups ?? []).join(', ')}</td></tr>)}</tbody>
          </table>
        ) : <p data-testid="rbac-message">{canDo.message}</p>}
      </section>
      {target ? (
        <section className="card" aria-labelledby="target-title">
          <h2 id="target-title">Target history: {objectLabel(target)} <span className="muted">({target.historyTotal} events)</span></h2>
          {target.findings.length ? <ul>{target.findings.map((f, i) => <li key={i}><Severity level={f.severity} /> {f.checkId}: {f.message}</li>)}</ul> : <p className="muted">No posture findings on the target.</p>}
          <EventTable events={target.history} label="Target history" highlight={evidence} />
        </section>
      ) : null}
    </div>
  )
}

export function InvestigationPage({ alertId }: { alertId: string }) {
  const investigation = useInvestigation(alertId)
  const triage = useTriage()
  const suppress = useSuppress()
  if (investigation.isPending) return <Loading what="investigation" />
  if (!investigation.data) return <ErrorBox error={investigation.error} />
  const alert = investigation.data.alert
  return (
    <InvestigationView data={investigation.data} triage={<>
      <ErrorBox error={triage.error ?? suppress.error} />
      {suppress.data ? <p role="status">Exception {suppress.data.id} created until {formatTime(suppress.data.expiresAt)}.</p> : null}
      <TriagePanel key={`${alert.id}:${alert.status}`} alert={alert} busy={triage.isPending} onTriage={(p) => triage.mutate({ id: alert.id, ...p })}
        onSuppress={(fields, reason, days) => suppress.mutate({ id: alert.id, fields, reason, expiresInDays: days })} />
    </>} />
  )
}
