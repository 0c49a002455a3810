import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import type { Investigation, KubeEvent } from '../../api/schemas'
import { alert } from '../fixtures'
import { InvestigationView } from './Page'

const event: KubeEvent = {
  id: 'e1', time: '2026-03-01T10:00:00.000Z', cluster: 'demo', verb: 'create', user: { name: 'mallory', groups: [] }, sourceIPs: ['203.0.113.7'],
  userAgent: '<script>alert("ua")</script>', objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'checkout' }, responseCode: 101, payload: {},
}
const data: Investigation = {
  alert: { ...alert, entity: { ...alert.entity, user: 'mallory' } }, evidence: [event],
  identity: { user: 'mallory', groups: ['dev'], timeline: [event], timelineTotal: 1, addresses: [{ value: '203.0.113.7', count: 1 }], userAgents: [{ value: event.userAgent, count: 1 }], touched: [] },
  target: { resource: 'pods', namespace: 'shop', name: 'checkout', history: [event], historyTotal: 1, findings: [] },
  incident: { rule: 'same user within 1 hour', alerts: [alert] },
  canDo: { loaded: false, message: 'no RBAC snapshot loaded (set posture.snapshot)' },
}

describe('Investigation page', () => {
  test('timeline, addresses, user agents as text, target history, incident, and the missing RBAC snapshot stated', () => {
    const html = stripSeparators(render(<InvestigationView data={data} />))
    expect(html).toContain('Identity timeline: mallory')
    expect(html).toContain('203.0.113.7')
    expect(html).toContain('&lt;script&gt;alert(&quot;ua&quot;)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Target history: pods shop/checkout')
    expect(html).toContain('Incident: 1 related alerts')
    expect(html).toContain('no RBAC snapshot loaded')
    expect(html).toContain('tabindex="0"') // timeline rows open with the keyboard
  })
})
