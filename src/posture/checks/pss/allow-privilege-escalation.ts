import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, isWindowsPod } from './helpers.js'

function escalationDenial(spec: Record<string, unknown>): PssDenial | null {
  const bad = containersOf(spec).filter((c) => get(c.container, 'securityContext', 'allowPrivilegeEscalation') !== false)
  if (bad.length === 0) return null
  return {
    detail: `${containerList(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((c) => `${c.path}/securityContext/allowPrivilegeEscalation`),
  }
}

/**
 * Restricted (v1.8+): every container sets allowPrivilegeEscalation=false; Windows pods exempt from v1.25.
 * @example
 * allowPrivilegeEscalation.evaluate(pod, ctx)[0]?.message // 'allowPrivilegeEscalation != false (container "a" must set …)'
 */
export const allowPrivilegeEscalation = definePssCheck({
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Containers must not allow privilege escalation',
  severity: 'medium',
  reason: 'allowPrivilegeEscalation != false',
  cis: ['5.2.6'],
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  versions: [
    { since: '1.8', evaluate: ({ spec }) => escalationDenial(spec) },
    { since: '1.25', evaluate: ({ spec }) => (isWindowsPod(spec) ? null : escalationDenial(spec)) },
  ],
})
