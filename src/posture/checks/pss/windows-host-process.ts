import { definePssCheck } from './define-pss-check.js'
import { containerList, containersOf, get } from './helpers.js'

/**
 * Baseline: no Windows HostProcess pods or containers.
 * @example
 * windowsHostProcess.evaluate(pod, ctx)[0]?.message // 'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)'
 */
export const windowsHostProcess = definePssCheck({
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'Windows HostProcess containers are not allowed',
  severity: 'critical',
  reason: 'hostProcess',
  cis: ['5.2.10'],
  remediation: 'Remove securityContext.windowsOptions.hostProcess or set it to false.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const setters: string[] = []
        const paths: string[] = []
        if (get(spec, 'securityContext', 'windowsOptions', 'hostProcess') === true) {
          setters.push('pod')
          paths.push('/spec/securityContext/windowsOptions/hostProcess')
        }
        const bad = containersOf(spec).filter((c) => get(c.container, 'securityContext', 'windowsOptions', 'hostProcess') === true)
        if (bad.length > 0) setters.push(containerList(bad.map((c) => c.name)))
        paths.push(...bad.map((c) => `${c.path}/securityContext/windowsOptions/hostProcess`))
        if (setters.length === 0) return null
        return { detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths }
      },
    },
  ],
})
