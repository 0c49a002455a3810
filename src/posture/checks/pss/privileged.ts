import { definePssCheck } from './define-pss-check.js'
import { containerList, containersOf, get } from './helpers.js'

/**
 * Baseline: no privileged containers (spec.*containers[*].securityContext.privileged).
 * @example
 * privileged.evaluate(pod, ctx) // [{ message: 'privileged (container "app" must not set securityContext.privileged=true)', … }]
 */
export const privileged = definePssCheck({
  id: 'privileged',
  level: 'baseline',
  title: 'Containers must not run privileged',
  severity: 'critical',
  reason: 'privileged',
  cis: ['5.2.2'],
  remediation: 'Remove securityContext.privileged or set it to false.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const bad = containersOf(spec).filter((c) => get(c.container, 'securityContext', 'privileged') === true)
        if (bad.length === 0) return null
        return {
          detail: `${containerList(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
          paths: bad.map((c) => `${c.path}/securityContext/privileged`),
        }
      },
    },
  ],
})
