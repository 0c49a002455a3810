import { definePssCheck } from './define-pss-check.js'
import { containerList, containersOf, get, isWindowsPod } from './helpers.js'
import { explicitSeccompDenial, validSeccomp } from './seccomp-profile-baseline.js'

function restrictedSeccomp(spec: Record<string, unknown>) {
  const explicit = explicitSeccompDenial(spec)
  if (explicit) return explicit
  if (validSeccomp(get(spec, 'securityContext', 'seccompProfile', 'type'))) return null
  const unset = containersOf(spec).filter((c) => get(c.container, 'securityContext', 'seccompProfile') == null)
  if (unset.length === 0) return null
  return {
    detail: `pod or ${containerList(unset.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    paths: ['/spec/securityContext/seccompProfile', ...unset.map((c) => `${c.path}/securityContext/seccompProfile`)],
  }
}

/**
 * Restricted: seccomp must be RuntimeDefault or Localhost on the pod or every container; replaces
 * seccompProfile_baseline. Windows pods are exempt from v1.25.
 * @example
 * seccompProfileRestricted.evaluate(pod, ctx)[0]?.message // 'seccompProfile (pod or container "a" must set …)'
 */
export const seccompProfileRestricted = definePssCheck({
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp must be set to RuntimeDefault or Localhost',
  severity: 'low',
  reason: 'seccompProfile',
  overrides: ['seccompProfile_baseline'],
  cis: ['5.6.2'],
  remediation: 'Set spec.securityContext.seccompProfile.type to RuntimeDefault (or a Localhost profile).',
  versions: [
    { since: '1.19', evaluate: ({ spec }) => restrictedSeccomp(spec) },
    { since: '1.25', evaluate: ({ spec }) => (isWindowsPod(spec) ? null : restrictedSeccomp(spec)) },
  ],
})
