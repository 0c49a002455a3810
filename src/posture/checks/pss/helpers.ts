import { isRecord } from '../../types.js'

type Rec = Record<string, unknown>

/** A container of a pod spec with its JSON pointer, e.g. `/spec/initContainers/0`. */
export interface ContainerRef {
  name: string
  container: Rec
  path: string
}

// Upstream visitContainers order: init containers, then containers, then ephemeral containers.
const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const

/**
 * Every container of a pod spec, as the admission plugin visits them.
 * @example
 * for (const c of containersOf(spec)) if (get(c.container, 'securityContext', 'privileged') === true) bad.push(c)
 */
export function containersOf(spec: Rec): ContainerRef[] {
  const refs: ContainerRef[] = []
  for (const field of CONTAINER_FIELDS) {
    const list = spec[field]
    if (!Array.isArray(list)) continue
    list.forEach((container, i) => {
      if (isRecord(container)) refs.push({ name: String(container.name ?? ''), container, path: `/spec/${field}/${i}` })
    })
  }
  return refs
}

/**
 * Read a nested field; undefined when any step is missing or not an object.
 * @example
 * get(spec, 'securityContext', 'seccompProfile', 'type') // 'RuntimeDefault'
 */
export function get(value: unknown, ...keys: string[]): unknown {
  let current = value
  for (const key of keys) {
    if (!isRecord(current)) return undefined
    current = current[key]
  }
  return current
}

/**
 * Upstream's joinQuote: `"a", "b"`.
 * @example
 * joinQuote(['a', 'b']) // '"a", "b"'
 */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`
}

/**
 * Upstream's pluralize.
 * @example
 * pluralize('container', 'containers', 2) // 'containers'
 */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural
}

/**
 * `container "a"` / `containers "a", "b"`.
 * @example
 * containerList(['a']) // 'container "a"'
 */
export function containerList(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`
}

/**
 * Sorted unique strings, like Go's sets.NewString(...).List().
 * @example
 * sortedSet(['b', 'a', 'b']) // ['a', 'b']
 */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort()
}

/**
 * True for a pod that runs in a user namespace (`hostUsers: false`): KEP-127 relaxes some checks.
 * @example
 * if (inUserNamespace(spec)) return null
 */
export function inUserNamespace(spec: Rec): boolean {
  return spec.hostUsers === false
}

/**
 * True for a pod that declares `os.name: windows`.
 * @example
 * if (isWindowsPod(spec)) return null
 */
export function isWindowsPod(spec: Rec): boolean {
  return get(spec, 'os', 'name') === 'windows'
}

/**
 * A JSON pointer token: `/` and `~` escaped (RFC 6901), for annotation keys.
 * @example
 * escapePointer('container.apparmor.security.beta.kubernetes.io/app') // '…io~1app'
 */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}
