import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, inUserNamespace } from './helpers.js'

function runAsUserDenial(spec: Record<string, unknown>): PssDenial | null {
  const setters: string[] = []
  const paths: string[] = []
  if (get(spec, 'securityContext', 'runAsUser') === 0) {
    setters.push('pod')
    paths.push('/spec/securityContext/runAsUser')
  }
  const bad = containersOf(spec).filter((c) => get(c.container, 'securityContext', 'runAsUser') === 0)
  if (bad.length > 0) setters.push(containerList(bad.map((c) => c.name)))
  paths.push(...bad.map((c) => `${c.path}/securityContext/runAsUser`))
  return setters.length === 0 ? null : { detail: `${setters.join(' and ')} must not set runAsUser=0`, paths }
}

/**
 * Restricted (v1.23+): no runAsUser 0. From v1.35 a pod in a user namespace is exempt (KEP-127).
 * @example
 * runAsUser.evaluate(pod, ctx)[0]?.message // 'runAsUser=0 (pod must not set runAsUser=0)'
 */
export const runAsUser = definePssCheck({
  id: 'runAsUser',
  level: 'restricted',
  title: 'Containers must not run as UID 0',
  severity: 'medium',
  reason: 'runAsUser=0',
  cis: ['5.2.7'],
  remediation: 'Set runAsUser to a non-zero UID, or leave it unset and use runAsNonRoot: true.',
  versions: [
    { since: '1.23', evaluate: ({ spec }) => runAsUserDenial(spec) },
    { since: '1.35', evaluate: ({ spec }) => (inUserNamespace(spec) ? null : runAsUserDenial(spec)) },
  ],
})
