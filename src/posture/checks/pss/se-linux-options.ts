import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, get, joinQuote, pluralize, sortedSet } from './helpers.js'

const TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t'])
const TYPES_1_31 = new Set([...TYPES_1_0, 'container_engine_t'])

function seLinuxDenial(spec: Record<string, unknown>, allowedTypes: ReadonlySet<string>): PssDenial | null {
  const badTypes: string[] = []
  const paths: string[] = []
  let setUser = false
  let setRole = false
  const valid = (options: unknown, base: string): boolean => {
    if (options == null) return true
    let ok = true
    const type = String(get(options, 'type') ?? '')
    if (!allowedTypes.has(type)) {
      ok = false
      badTypes.push(type)
      paths.push(`${base}/type`)
    }
    for (const field of ['user', 'role'] as const) {
      const value = get(options, field)
      if (typeof value === 'string' && value.length > 0) {
        ok = false
        if (field === 'user') setUser = true
        else setRole = true
        paths.push(`${base}/${field}`)
      }
    }
    return ok
  }
  const setters: string[] = []
  if (!valid(get(spec, 'securityContext', 'seLinuxOptions'), '/spec/securityContext/seLinuxOptions')) setters.push('pod')
  const bad = containersOf(spec).filter((c) => !valid(get(c.container, 'securityContext', 'seLinuxOptions'), `${c.path}/securityContext/seLinuxOptions`))
  if (bad.length > 0) setters.push(containerList(bad.map((c) => c.name)))
  if (setters.length === 0) return null
  const data: string[] = []
  const types = sortedSet(badTypes)
  // Upstream only mentions user/role when a bad type was also found; we keep its wording but always say why.
  if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`)
  if (setUser) data.push('user may not be set')
  if (setRole) data.push('role may not be set')
  return { detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, paths }
}

/**
 * Baseline: SELinux type limited to the container types; user and role must not be set.
 * @example
 * seLinuxOptions.evaluate(pod, ctx)[0]?.message // 'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t")'
 */
export const seLinuxOptions = definePssCheck({
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux options must not be overridden',
  severity: 'medium',
  reason: 'seLinuxOptions',
  remediation: 'Remove seLinuxOptions.user and .role, and use a container_* type (or none).',
  versions: [
    { since: '1.0', evaluate: ({ spec }) => seLinuxDenial(spec, TYPES_1_0) },
    { since: '1.31', evaluate: ({ spec }) => seLinuxDenial(spec, TYPES_1_31) },
  ],
})
