import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { alert } from '../fixtures'
import { AlertFiltersBar, AlertTable } from './Page'


describe('Alerts page', () => {
  test('every filter is labelled', () => {
    const html = stripSeparators(render(<AlertFiltersBar filters={{ cluster: '', severity: '', ruleId: '', status: '', namespace: '', user: '' }} onChange={() => undefined} />))
    for (const label of ['Severity', 'Status', 'Rule', 'Cluster', 'Namespace', 'Identity']) expect(html).toContain(`<label>${label}<`)
  })

  test('rows link to the investigation, offer acknowledge on new alerts, and show markup as text', () => {
    const html = stripSeparators(render(<AlertTable alerts={[alert, { ...alert, id: 'a2', status: 'acknowledged' }]} selected={new Set(['a2'])} onSelect={() => undefined} onTriage={() => undefined} busy={false} />))
    expect(html).toContain('href="/alerts/a1"')
    expect(html.match(/>Acknowledge</g)).toHaveLength(1)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toContain('aria-label="Select alert Exec into pod"')
  })
})
