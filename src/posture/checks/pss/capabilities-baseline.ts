import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, joinQuote, sortedSet, type ContainerRef } from './helpers.js'

/** Capabilities a container runtime grants by default; adding them back is allowed at baseline. */
export const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
])

/**
 * Containers adding capabilities outside `allowed`, and the paths of those entries.
 * @example
 * addedBeyond(containersOf(spec), new Set(['NET_BIND_SERVICE']))
 */
export function addedBeyond(containers: ContainerRef[], allowed: ReadonlySet<string>): { names: string[]; caps: string[]; paths: string[] } {
  const names: string[] = []
  const caps: string[] = []
  const paths: string[] = []
  for (const c of containers) {
    const add = get(c.container, 'securityContext', 'capabilities', 'add')
    if (!Array.isArray(add)) continue
    let bad = false
    add.forEach((cap, i) => {
      if (!allowed.has(String(cap))) {
        bad = true
        caps.push(String(cap))
        paths.push(`${c.path}/securityContext/capabilities/add/${i}`)
      }
    })
    if (bad) names.push(c.name)
  }
  return { names, caps: sortedSet(caps), paths }
}

/**
 * Upstream capabilities_baseline, shared with capabilities_restricted for the detail text.
 * @example
 * capabilitiesBaselineDenial(pod.spec)?.detail
 */
export function capabilitiesBaselineDenial(spec: Record<string, unknown>): PssDenial | null {
  const { names, caps, paths } = addedBeyond(containersOf(spec), DEFAULT_CAPABILITIES)
  if (names.length === 0) return null
  return { detail: `${containerList(names)} must not include ${joinQuote(caps)} in securityContext.capabilities.add`, paths }
}

/**
 * Baseline: containers may only add capabilities from the runtime's default set.
 * @example
 * capabilitiesBaseline.evaluate(pod, ctx)[0]?.message // 'non-default capabilities (container "a" must not include "SYS_ADMIN" in …)'
 */
export const capabilitiesBaseline = definePssCheck({
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Containers must not add non-default capabilities',
  severity: 'high',
  reason: 'non-default capabilities',
  cis: ['5.2.9'],
  remediation: 'Remove capabilities outside the default set (e.g. SYS_ADMIN, NET_ADMIN) from securityContext.capabilities.add.',
  versions: [{ since: '1.0', evaluate: ({ spec }) => capabilitiesBaselineDenial(spec) }],
})
