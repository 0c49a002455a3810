import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, inUserNamespace } from './helpers.js'

function runAsNonRootDenial(spec: Record<string, unknown>): PssDenial | null {
  const setters: string[] = []
  const paths: string[] = []
  const podValue = get(spec, 'securityContext', 'runAsNonRoot')
  if (podValue === false) {
    setters.push('pod')
    paths.push('/spec/securityContext/runAsNonRoot')
  }
  const explicit: string[] = []
  const implicit: string[] = []
  const implicitPaths: string[] = []
  for (const c of containersOf(spec)) {
    const value = get(c.container, 'securityContext', 'runAsNonRoot')
    if (value === false) {
      explicit.push(c.name)
      paths.push(`${c.path}/securityContext/runAsNonRoot`)
    } else if (value == null && podValue !== true) {
      implicit.push(c.name)
      implicitPaths.push(`${c.path}/securityContext/runAsNonRoot`)
    }
  }
  if (explicit.length > 0) setters.push(containerList(explicit))
  if (setters.length > 0) return { detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths }
  if (implicit.length === 0) return null
  return {
    detail: `pod or ${containerList(implicit)} must set securityContext.runAsNonRoot=true`,
    paths: ['/spec/securityContext/runAsNonRoot', ...implicitPaths],
  }
}

/**
 * Restricted: containers must run as non-root (pod-level true, or every container true). From
 * v1.35 a pod in a user namespace (`hostUsers: false`) is exempt (KEP-127).
 * @example
 * runAsNonRoot.evaluate(pod, ctx)[0]?.message // 'runAsNonRoot != true (pod or container "a" must set …)'
 */
export const runAsNonRoot = definePssCheck({
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Containers must run as non-root',
  severity: 'medium',
  reason: 'runAsNonRoot != true',
  cis: ['5.2.7'],
  remediation: 'Set spec.securityContext.runAsNonRoot: true and run the image as a non-zero UID.',
  versions: [
    { since: '1.0', evaluate: ({ spec }) => runAsNonRootDenial(spec) },
    { since: '1.35', evaluate: ({ spec }) => (inUserNamespace(spec) ? null : runAsNonRootDenial(spec)) },
  ],
})
