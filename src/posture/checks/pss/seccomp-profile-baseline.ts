import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { containerList, containersOf, escapePointer, get, joinQuote, pluralize, sortedSet } from './helpers.js'

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod'
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/'

/**
 * True for a seccomp profile type allowed everywhere.
 * @example
 * validSeccomp('Unconfined') // false
 */
export function validSeccomp(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost'
}

/**
 * Pod and containers that explicitly set a seccomp type other than RuntimeDefault/Localhost.
 * @example
 * explicitSeccompDenial(spec)?.detail // 'pod must not set securityContext.seccompProfile.type to "Unconfined"'
 */
export function explicitSeccompDenial(spec: Record<string, unknown>): PssDenial | null {
  const setters: string[] = []
  const values: string[] = []
  const paths: string[] = []
  const podProfile = get(spec, 'securityContext', 'seccompProfile')
  if (podProfile != null && !validSeccomp(get(podProfile, 'type'))) {
    setters.push('pod')
    values.push(String(get(podProfile, 'type') ?? ''))
    paths.push('/spec/securityContext/seccompProfile/type')
  }
  const bad: string[] = []
  for (const c of containersOf(spec)) {
    const profile = get(c.container, 'securityContext', 'seccompProfile')
    if (profile != null && !validSeccomp(get(profile, 'type'))) {
      bad.push(c.name)
      values.push(String(get(profile, 'type') ?? ''))
      paths.push(`${c.path}/securityContext/seccompProfile/type`)
    }
  }
  if (bad.length > 0) setters.push(containerList(bad))
  if (setters.length === 0) return null
  return { detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`, paths }
}

function annotationDenial(spec: Record<string, unknown>, annotations: Record<string, string>): PssDenial | null {
  const valid = (value: string) => value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/')
  const keys = [POD_ANNOTATION, ...containersOf(spec).map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)]
  const bad = keys.filter((key) => key in annotations && !valid(String(annotations[key])))
  if (bad.length === 0) return null
  const shown = sortedSet(bad.map((key) => `${key}="${annotations[key]}"`))
  return {
    detail: `forbidden ${pluralize('annotation', 'annotations', shown.length)} ${shown.join(', ')}`,
    paths: bad.map((key) => `/metadata/annotations/${escapePointer(key)}`),
  }
}

/**
 * Baseline: seccomp must not be explicitly disabled (Unconfined); before v1.19, via the alpha annotations.
 * @example
 * seccompProfileBaseline.evaluate(pod, ctx)[0]?.message // 'seccompProfile (pod must not set … to "Unconfined")'
 */
export const seccompProfileBaseline = definePssCheck({
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp must not be disabled',
  severity: 'medium',
  reason: 'seccompProfile',
  remediation: 'Remove seccompProfile type Unconfined; use RuntimeDefault or a Localhost profile.',
  versions: [
    { since: '1.0', evaluate: ({ spec, metadata }) => annotationDenial(spec, metadata.annotations ?? {}) },
    { since: '1.19', evaluate: ({ spec }) => explicitSeccompDenial(spec) },
  ],
})
