import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { RulesView } from './Page'

const rule = { id: 'r1', title: 'Exec into pod', source: 'sigma', severity: 'high', status: 'stable', mitre: [], enabled: true, running: true, hits: 4, alerts: 2, falsePositiveRate: 0.5, exceptions: 1 }

describe('Rules page', () => {
  test('status, hits, false-positive rate, a labelled switch (admins only) and exceptions', () => {
    const html = stripSeparators(render(<RulesView rules={[rule]} exceptions={[{ id: 'x', ruleId: 'r1', fields: { user: 'ci' }, reason: 'nightly job', createdBy: 'ann', created: '', expiresAt: '2026-04-01T00:00:00.000Z' }]} canToggle={false} canDelete onToggle={() => undefined} onDelete={() => undefined} />))
    expect(html).toContain('aria-label="Rule Exec into pod enabled"')
    expect(html).toMatch(/role="switch"[^>]*disabled/)
    expect(html).toContain('50%')
    expect(html).toContain('user = ci')
    expect(html).toContain('nightly job')
  })
})
