import { isRecord } from '../../types.js'
import { definePssCheck } from './define-pss-check.js'
import { containerList, containersOf, pluralize } from './helpers.js'

/**
 * Baseline: containers must not bind host ports.
 * @example
 * hostPorts.evaluate(pod, ctx)[0]?.message // 'hostPort (container "web" uses hostPort 8080)'
 */
export const hostPorts = definePssCheck({
  id: 'hostPorts',
  level: 'baseline',
  title: 'Containers must not use host ports',
  severity: 'medium',
  reason: 'hostPort',
  cis: ['5.2.12'],
  remediation: 'Remove ports[*].hostPort (or set it to 0) and expose the pod through a Service.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const badNames: string[] = []
        const ports: string[] = []
        const paths: string[] = []
        for (const c of containersOf(spec)) {
          const list = Array.isArray(c.container.ports) ? c.container.ports : []
          let bad = false
          list.forEach((port, i) => {
            if (isRecord(port) && typeof port.hostPort === 'number' && port.hostPort !== 0) {
              bad = true
              ports.push(String(port.hostPort))
              paths.push(`${c.path}/ports/${i}/hostPort`)
            }
          })
          if (bad) badNames.push(c.name)
        }
        if (badNames.length === 0) return null
        const detail = `${containerList(badNames)} ${pluralize('uses', 'use', badNames.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`
        return { detail, paths }
      },
    },
  ],
})
