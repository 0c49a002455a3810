import type { FieldDef } from './field-def.js'
import { jsonString, valueAt, valuesAt, type FieldValue } from './json-values.js'

type Ev = Record<string, unknown>
const FAMILIES = ['containers', 'initContainers', 'ephemeralContainers'] as const

const present = (vs: unknown[]): string[] => vs.filter((v) => v !== undefined).map(jsonString)

function images(ev: Ev, family: string, index: number | undefined): string[] | undefined {
  const vs = valuesAt(ev, index, ['requestObject', 'spec', family, 'image'])
  // The plugin fails the whole extraction when one container has no image.
  if (!vs || vs.some((v) => v === undefined)) return undefined
  return vs.map(jsonString)
}

/** `registry/repo:tag@digest` → `registry/repo`, exactly as the plugin splits it. */
const repository = (image: string): string => image.split(':')[0].split('@')[0]

function hostPorts(ev: Ev, family: string, index: number | undefined): FieldValue {
  const lists = valuesAt(ev, index, ['requestObject', 'spec', family, 'ports'])
  if (!lists) return undefined
  const out: string[] = []
  for (const ports of lists) {
    if (!Array.isArray(ports)) continue
    for (const p of ports as Array<Record<string, unknown>>) {
      // With hostNetwork the containerPort is the host port, hence the fallback.
      const v = p?.hostPort ?? p?.containerPort
      if (v !== undefined) out.push(jsonString(v))
    }
  }
  return out
}

function effective(ev: Ev, family: string, index: number | undefined, key: string): FieldValue {
  const podValue = valueAt(ev, ['requestObject', 'spec', 'securityContext', key])
  const all = valueAt(ev, ['requestObject', 'spec', family])
  if (!Array.isArray(all)) return undefined
  const containers = index === undefined ? all : all.slice(index, index + 1)
  return containers.map((c) => jsonString(valueAt(c, ['securityContext', key]) ?? podValue ?? 0))
}

function securityContext(family: string, suffix: string, keys: string[]): FieldDef {
  return {
    name: `ka.req.pod.${family}.${suffix}`, list: true, arg: 'index', description: `securityContext.${keys.join('.')} of all ${family}`,
    extract: (ev, a) => {
      const vs = valuesAt(ev, a.index, ['requestObject', 'spec', family, 'securityContext', ...keys])
      return vs && present(vs)
    },
  }
}

function familyFields(family: string): FieldDef[] {
  const simple = (suffix: string, key: string): FieldDef => ({
    name: `ka.req.pod.${family}.${suffix}`, list: true, arg: 'index', description: `The ${key} of all ${family}`,
    extract: (ev, a) => {
      const vs = valuesAt(ev, a.index, ['requestObject', 'spec', family, key])
      return vs && present(vs)
    },
  })
  return [
    simple('name', 'name'),
    simple('command', 'command'),
    simple('args', 'args'),
    { name: `ka.req.pod.${family}.image`, list: true, arg: 'index', description: `The images of all ${family}`, extract: (ev, a) => images(ev, family, a.index) },
    {
      name: `ka.req.pod.${family}.image.repository`, list: true, arg: 'index', description: `The image repositories of all ${family}`,
      extract: (ev, a) => images(ev, family, a.index)?.map(repository),
    },
    { name: `ka.req.pod.${family}.host_port`, list: true, arg: 'index', description: `The host ports of all ${family}`, extract: (ev, a) => hostPorts(ev, family, a.index) },
    securityContext(family, 'privileged', ['privileged']),
    securityContext(family, 'allow_privilege_escalation', ['allowPrivilegeEscalation']),
    securityContext(family, 'read_only_fs', ['readOnlyRootFilesystem']),
    securityContext(family, 'run_as_user', ['runAsUser']),
    securityContext(family, 'run_as_group', ['runAsGroup']),
    securityContext(family, 'proc_mount', ['procMount']),
    {
      // Flattened to one capability per value so `intersects (SYS_ADMIN)` works as documented.
      name: `ka.req.pod.${family}.add_capabilities`, list: true, arg: 'index', description: `Capabilities added by all ${family}`,
      extract: (ev, a) => {
        const vs = valuesAt(ev, a.index, ['requestObject', 'spec', family, 'securityContext', 'capabilities', 'add'])
        return vs?.flatMap((v) => (Array.isArray(v) ? v.map(jsonString) : v === undefined ? [] : [jsonString(v)]))
      },
    },
    { name: `ka.req.pod.${family}.eff_run_as_user`, list: true, arg: 'index', description: 'Effective uid (0 when unset)', extract: (ev, a) => effective(ev, family, a.index, 'runAsUser') },
    { name: `ka.req.pod.${family}.eff_run_as_group`, list: true, arg: 'index', description: 'Effective gid (0 when unset)', extract: (ev, a) => effective(ev, family, a.index, 'runAsGroup') },
  ]
}

function firstContainer(name: string, fn: (ev: Ev) => string | undefined): FieldDef {
  return { name, list: false, arg: 'none', description: `Deprecated: ${name} of the first container`, extract: (ev) => fn(ev) }
}

/**
 * ka.req.pod.{containers,initContainers,ephemeralContainers}.* and the deprecated ka.req.container.* fields.
 * @example
 * CONTAINER_FIELDS.map((f) => f.name).includes('ka.req.pod.initContainers.privileged') // true
 */
export const CONTAINER_FIELDS: FieldDef[] = [
  ...FAMILIES.flatMap(familyFields),
  firstContainer('ka.req.container.image', (ev) => images(ev, 'containers', 0)?.[0]),
  firstContainer('ka.req.container.image.repository', (ev) => {
    const first = images(ev, 'containers', 0)?.[0]
    return first === undefined ? undefined : repository(first)
  }),
  {
    name: 'ka.req.container.privileged', list: false, arg: 'none', description: 'Deprecated: true if any container is privileged',
    extract: (ev) => {
      const vs = valuesAt(ev, undefined, ['requestObject', 'spec', 'containers', 'securityContext', 'privileged'])
      if (!vs) return undefined
      return vs.some((v) => v === true) ? 'true' : 'false'
    },
  },
]
