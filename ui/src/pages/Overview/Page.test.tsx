import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import type { Overview } from '../../api/schemas'
import { OverviewView } from './Page'

const d = { count: 2, medianSeconds: 90, meanSeconds: 120 }
export const overview: Overview = {
  from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', bucketSeconds: 3600,
  eventsOverTime: [{ start: '2026-03-01T10:00:00.000Z', cluster: 'demo', count: 40 }], alertsOverTime: [],
  anomalies: { method: 'z-score of the last complete hour', hourStart: '2026-03-01T23:00:00.000Z', items: [{ dimension: 'verb', key: 'delete', lastHour: 40, baselineMean: 1, baselineStd: 0, z: 39, flagged: true }] },
  openBySeverity: { critical: 1, high: 2 }, topRules: [{ ruleId: 'r', title: 'Exec into pod', count: 3 }],
  responseTimes: { days7: { ttd: d, tta: d, ttr: d }, days30: { ttd: d, tta: d, ttr: d } },
  posture: { score: 85, method: 'score = 100 minus', total: 3, bySeverity: {}, byControl: {}, byNamespace: {} },
  postureTrend: [],
  exposed: [{ checkId: 'exposure.service.node-port', controls: [], severity: 'high', message: '<b>open</b>', remediation: 'r', target: '10.0.0.1:30080' }],
}

describe('Overview page', () => {
  test('states the anomaly method, counts open alerts, shows times, score and exposed services as text', () => {
    const html = stripSeparators(render(<OverviewView data={overview} />))
    expect(html).toContain('Method: z-score of the last complete hour')
    expect(html).toMatch(/data-testid="open-alerts">3</)
    expect(html).toContain('Time to detect')
    expect(html).toContain('2 min') // the 90 s median, rounded
    expect(html).toContain('Exec into pod')
    expect(html).toContain('&lt;b&gt;open&lt;/b&gt;')
    expect(html).toMatch(/role="img" aria-label="Events per cluster over time"/)
  })
})
