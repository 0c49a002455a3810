import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { FindingsView } from '../../components/Findings'
import { EXPOSURE_EMPTY } from './Page'

describe('Exposure page', () => {
  test('exposed endpoints show their host:port target', () => {
    const f = { checkId: 'exposure.service.node-port', controls: [], severity: 'medium' as const, message: 'NodePort open to the internet', remediation: 'Use an internal load balancer', target: '198.51.100.4:30080' }
    const html = stripSeparators(render(<FindingsView title="Exposure" empty={EXPOSURE_EMPTY} data={{ current: [f], added: [], fixed: [], summary: { score: 98, method: 'm', total: 1, bySeverity: { medium: 1 }, byControl: {}, byNamespace: {} } }} />))
    expect(html).toContain('198.51.100.4:30080')
    expect(html).toContain('Use an internal load balancer')
  })
})
