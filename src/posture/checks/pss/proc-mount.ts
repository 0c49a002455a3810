import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, inUserNamespace, joinQuote, sortedSet } from './helpers.js'

/**
 * Containers setting securityContext.procMount to anything but Default (upstream procMount_1_35_restricted).
 * @example
 * procMountDenial(spec)?.detail // 'container "a" must not set securityContext.procMount to "Unmasked"'
 */
export function procMountDenial(spec: Record<string, unknown>): PssDenial | null {
  const names: string[] = []
  const types: string[] = []
  const paths: string[] = []
  for (const c of containersOf(spec)) {
    const procMount = get(c.container, 'securityContext', 'procMount')
    if (procMount != null && procMount !== 'Default') {
      names.push(c.name)
      types.push(String(procMount))
      paths.push(`${c.path}/securityContext/procMount`)
    }
  }
  if (names.length === 0) return null
  return { detail: `${containerList(names)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`, paths }
}

/**
 * Baseline: keep the default /proc masks, except (v1.35+) in a user namespace (`hostUsers: false`).
 * @example
 * procMount.evaluate(pod, ctx)[0]?.message // 'procMount (container "a" must not set securityContext.procMount to "Unmasked")'
 */
export const procMount = definePssCheck({
  id: 'procMount',
  level: 'baseline',
  title: 'Containers must keep the default /proc mask',
  severity: 'medium',
  reason: 'procMount',
  remediation: 'Remove securityContext.procMount or set it to Default (Unmasked is allowed at baseline only with hostUsers: false).',
  versions: [
    { since: '1.0', evaluate: ({ spec }) => procMountDenial(spec) },
    { since: '1.35', evaluate: ({ spec }) => (inUserNamespace(spec) ? null : procMountDenial(spec)) },
  ],
})
