import { useMemo, useState } from 'react'
import type { Overview, ResponseTimes } from '../../api/schemas'
import { Chart } from '../../components/Chart'
import { ErrorBox, Link, Loading, Severity } from '../../components/common'
import { useOverview } from '../../hooks/queries'
import { formatDuration, formatTime } from '../../model/format'
import { SEVERITY_ORDER, toSeries } from '../../model/series'
import './Page.css'

function timeChart(buckets: Overview['eventsOverTime'], type: 'line' | 'bar') {
  const { x, series } = toSeries(buckets)
  return {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 16, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: x.map((t) => t.slice(11, 16)) }, yAxis: { type: 'value' },
    series: series.map((s) => ({ ...s, type, stack: type === 'bar' ? 'all' : undefined, smooth: true })),
  }
}

function TimesTable({ days7, days30 }: { days7: ResponseTimes; days30: ResponseTimes }) {
  const rows = [['Time to detect (event → alert)', 'ttd'], ['Time to acknowledge', 'tta'], ['Time to resolve', 'ttr']] as const
  return (
    <table aria-label="Response times">
      <thead><tr><th /><th className="num">median 7 d</th><th className="num">mean 7 d</th><th className="num">median 30 d</th><th className="num">mean 30 d</th><th className="num">alerts 30 d</th></tr></thead>
      <tbody>
        {rows.map(([label, key]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td className="num">{formatDuration(days7[key].medianSeconds)}</td>
            <td className="num">{formatDuration(days7[key].meanSeconds)}</td>
            <td className="num">{formatDuration(days30[key].medianSeconds)}</td>
            <td className="num">{formatDuration(days30[key].meanSeconds)}</td>
            <td className="num">{days30[key].count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Everything on one screen; charts render in the browser only. */
export function OverviewView({ data }: { data: Overview }) {
  const events = useMemo(() => timeChart(data.eventsOverTime, 'line'), [data.eventsOverTime])
  const alerts = useMemo(() => timeChart(data.alertsOverTime, 'bar'), [data.alertsOverTime])
  const totalEvents = data.eventsOverTime.reduce((s, b) => s + b.count, 0)
  const open = SEVERITY_ORDER.reduce((s, k) => s + (data.openBySeverity[k] ?? 0), 0)
  return (
    <div className="overview">
      <h1>Overview</h1>
      <p className="muted">{formatTime(data.from)} – {formatTime(data.to)}</p>
      <div className="grid">
        <section className="card" aria-labelledby="ov-events">
          <h2 id="ov-events">Events over time <span className="muted">({totalEvents} events)</span></h2>
          <Chart label="Events per cluster over time" option={events} />
        </section>
        <section className="card" aria-labelledby="ov-alerts">
          <h2 id="ov-alerts">Alerts over time</h2>
          <Chart label="Alerts per cluster over time" option={alerts} />
        </section>
        <section className="card" aria-labelledby="ov-open">
          <h2 id="ov-open">Open alerts <span className="big" data-testid="open-alerts">{open}</span></h2>
          <table aria-label="Open alerts by severity"><tbody>
            {SEVERITY_ORDER.map((s) => <tr key={s}><td><Severity level={s} /></td><td className="num">{data.openBySeverity[s] ?? 0}</td></tr>)}
          </tbody></table>
          <Link to="/alerts">Triage alerts</Link>
        </section>
        <section className="card" aria-labelledby="ov-rules">
          <h2 id="ov-rules">Top rules</h2>
          <ol>{data.topRules.map((r) => <li key={r.ruleId}>{r.title} <span className="muted">({r.count})</span></li>)}</ol>
        </section>
      </div>
      <section className="card" aria-labelledby="ov-anomalies">
        <h2 id="ov-anomalies">Anomalies <span className="muted">hour from {formatTime(data.anomalies.hourStart)}</span></h2>
        <p className="method" data-testid="anomaly-method">Method: {data.anomalies.method}</p>
        <table>
          <thead><tr><th>by</th><th>value</th><th className="num">last hour</th><th className="num">baseline mean</th><th className="num">std</th><th className="num">z</th></tr></thead>
          <tbody>
            {data.anomalies.items.map((a) => (
              <tr key={`${a.dimension}:${a.key}`} className={a.flagged ? 'flagged' : undefined}>
                <td>{a.dimension}</td><td>{a.key || '(none)'}</td><td className="num">{a.lastHour}</td><td className="num">{a.baselineMean}</td><td className="num">{a.baselineStd}</td>
                <td className="num">{a.flagged ? <strong aria-label="flagged">{a.z}</strong> : a.z}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="grid">
        <section className="card times" aria-labelledby="ov-times">
          <h2 id="ov-times">Response times</h2>
          <TimesTable {...data.responseTimes} />
        </section>
        <section className="card" aria-labelledby="ov-posture">
          <h2 id="ov-posture">Posture score <span className="big">{data.posture.score}</span></h2>
          <p className="method">{data.posture.method}</p>
          <p>{data.posture.total} open findings. <Link to="/posture">Posture</Link></p>
          {data.postureTrend.length > 1 ? <Chart label="Posture score per run" height={120} option={{ grid: { left: 30, right: 8, top: 8, bottom: 20 }, xAxis: { type: 'category', data: data.postureTrend.map((p) => p.time.slice(5, 10)) }, yAxis: { type: 'value', min: 0, max: 100 }, series: [{ type: 'line', data: data.postureTrend.map((p) => p.score) }] }} /> : <p className="muted">Trend: one run or none stored.</p>}
        </section>
        <section className="card" aria-labelledby="ov-exposed">
          <h2 id="ov-exposed">Exposed services</h2>
          {data.exposed.length === 0 ? <p className="muted">No exposure findings stored (run a scan).</p> : (
            <ul>{data.exposed.map((f, i) => <li key={i}><Severity level={f.severity} /> {f.target ?? f.resource?.name} — {f.message}</li>)}</ul>
          )}
          <Link to="/exposure">Exposure</Link>
        </section>
      </div>
    </div>
  )
}

export function OverviewPage() {
  const [hours, setHours] = useState(24)
  const overview = useOverview(hours)
  return (
    <>
      <label className="range">
        Time range{' '}
        <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={6}>last 6 hours</option>
          <option value={24}>last 24 hours</option>
          <option value={168}>last 7 days</option>
          <option value={720}>last 30 days</option>
        </select>
      </label>
      <ErrorBox error={overview.error} />
      {overview.data ? <OverviewView data={overview.data} /> : overview.isPending ? <Loading what="overview" /> : null}
    </>
  )
}
