import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { FindingsView } from '../../components/Findings'
import { POSTURE_EMPTY } from './Page'

describe('Posture page', () => {
  test('score with method, counts by control/namespace/severity, new and fixed, remediation', () => {
    const f = { checkId: 'pss.baseline.host-namespaces', controls: ['pss:baseline:Host Namespaces'], severity: 'high' as const, message: 'pod shares hostPID', remediation: 'Remove hostPID', resource: { kind: 'Pod', namespace: 'shop', name: 'web' } }
    const html = stripSeparators(render(<FindingsView title="Posture" empty={POSTURE_EMPTY} data={{ current: [f], added: [f], fixed: [], runTime: '2026-03-01T10:00:00.000Z', summary: { score: 95, method: 'score = 100 minus', total: 1, bySeverity: { high: 1 }, byControl: { 'pss:baseline:Host Namespaces': 1 }, byNamespace: { shop: 1 } } }} />))
    expect(html).toMatch(/data-testid="score">95</)
    expect(html).toContain('score = 100 minus')
    expect(html).toContain('New since the last run')
    expect(html).toContain('Remove hostPID')
    expect(html).toContain('Pod shop/web')
  })

  test('an empty store says how to fill it', () => {
    const html = stripSeparators(render(<FindingsView title="Posture" empty={POSTURE_EMPTY} data={{ current: [], added: [], fixed: [], summary: { score: 100, method: 'm', total: 0, bySeverity: {}, byControl: {}, byNamespace: {} } }} />))
    expect(html).toContain('No posture findings stored yet')
  })
})
