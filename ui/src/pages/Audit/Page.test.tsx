import { renderToString as render } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { stripSeparators } from '../../model/render-text'
import { AuditView } from './Page'

describe('Audit page', () => {
  test('who did what to which object, details as text', () => {
    const html = stripSeparators(render(<AuditView entries={[{ time: '2026-03-01T10:00:00.000Z', actor: 'ann', action: 'alert.acknowledged', target: 'a1', detail: { from: 'new', to: 'acknowledged', ip: '127.0.0.1' } }]} />))
    expect(html).toContain('<td>ann</td><td>alert.acknowledged</td><td>a1</td>')
    expect(html).toContain('from: new · to: acknowledged · ip: 127.0.0.1')
  })
})
