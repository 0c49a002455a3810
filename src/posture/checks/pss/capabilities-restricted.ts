import { addedBeyond } from './capabilities-baseline.js'
import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, isWindowsPod, joinQuote } from './helpers.js'

const RESTRICTED_ADDABLE = new Set(['NET_BIND_SERVICE'])

function restrictedCapabilitiesDenial(spec: Record<string, unknown>): PssDenial | null {
  const containers = containersOf(spec)
  const missingDrop = containers.filter((c) => {
    const drop = get(c.container, 'securityContext', 'capabilities', 'drop')
    return !(Array.isArray(drop) && drop.includes('ALL'))
  })
  const added = addedBeyond(containers, RESTRICTED_ADDABLE)
  const details: string[] = []
  if (missingDrop.length > 0) details.push(`${containerList(missingDrop.map((c) => c.name))} must set securityContext.capabilities.drop=["ALL"]`)
  if (added.names.length > 0) details.push(`${containerList(added.names)} must not include ${joinQuote(added.caps)} in securityContext.capabilities.add`)
  if (details.length === 0) return null
  return { detail: details.join('; '), paths: [...missingDrop.map((c) => `${c.path}/securityContext/capabilities/drop`), ...added.paths] }
}

/**
 * Restricted (v1.22+): drop ALL and add back at most NET_BIND_SERVICE; replaces capabilities_baseline.
 * Windows pods are exempt from v1.25.
 * @example
 * capabilitiesRestricted.evaluate(pod, ctx)[0]?.message // 'unrestricted capabilities (container "a" must set …drop=["ALL"])'
 */
export const capabilitiesRestricted = definePssCheck({
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Containers must drop all capabilities',
  severity: 'medium',
  reason: 'unrestricted capabilities',
  overrides: ['capabilities_baseline'],
  cis: ['5.2.8', '5.2.9'],
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only NET_BIND_SERVICE if needed.',
  versions: [
    { since: '1.22', evaluate: ({ spec }) => restrictedCapabilitiesDenial(spec) },
    { since: '1.25', evaluate: ({ spec }) => (isWindowsPod(spec) ? null : restrictedCapabilitiesDenial(spec)) },
  ],
})
