import type { Finding, Posture } from '../api/schemas'
import { formatTime } from '../model/format'
import { SEVERITY_ORDER } from '../model/series'
import { Severity, Tally } from './common'

function where(f: Finding): string {
  return f.target ?? [f.resource?.kind, [f.resource?.namespace, f.resource?.name].filter(Boolean).join('/')].filter(Boolean).join(' ') ?? '—'
}

function FindingTable({ findings, label }: { findings: Finding[]; label: string }) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))
  return (
    <table aria-label={label}>
      <thead><tr><th>Severity</th><th>Check</th><th>Object</th><th>Finding</th><th>Remediation</th></tr></thead>
      <tbody>{sorted.map((f, i) => <tr key={i}><td><Severity level={f.severity} /></td><td>{f.checkId}<div className="muted">{f.controls.join(', ')}</div></td><td>{where(f)}</td><td>{f.message}</td><td>{f.remediation}</td></tr>)}</tbody>
    </table>
  )
}

/** Findings by control, namespace and severity, the score with its method, and the change since the run before. */
export function FindingsView({ title, data, empty }: { title: string; data: Posture; empty: string }) {
  const s = data.summary
  const rows = (m: Record<string, number>) => Object.entries(m).map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count)
  return (
    <div className="findings">
      <h1>{title}</h1>
      <section className="card">
        <h2>Score <span className="big" data-testid="score">{s.score}</span></h2>
        <p className="method">{s.method}</p>
        <p>{s.total} findings in the run of {formatTime(data.runTime)} · {data.added.length} new and {data.fixed.length} fixed since the run before</p>
      </section>
      {s.total === 0 ? <p className="muted">{empty}</p> : null}
      <div className="grid">
        <Tally title="By severity" rows={SEVERITY_ORDER.filter((k) => s.bySeverity[k]).map((k) => ({ value: k, count: s.bySeverity[k]! }))} />
        <Tally title="By control" rows={rows(s.byControl).slice(0, 20)} />
        <Tally title="By namespace" rows={rows(s.byNamespace).slice(0, 20)} />
      </div>
      {data.added.length ? <section className="card"><h2>New since the last run</h2><FindingTable findings={data.added} label="New findings" /></section> : null}
      {data.fixed.length ? <section className="card"><h2>Fixed since the last run</h2><FindingTable findings={data.fixed} label="Fixed findings" /></section> : null}
      <section className="card"><h2>All findings</h2><FindingTable findings={data.current} label="Findings" /></section>
    </div>
  )
}
