import { definePssCheck } from './define-pss-check.js'
import { containerList, containersOf, escapePointer, get, joinQuote, pluralize, sortedSet } from './helpers.js'

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/'

const allowedType = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost'
const allowedAnnotation = (value: string) => value === '' || value === 'runtime/default' || value.startsWith('localhost/')

/**
 * Baseline: AppArmor must not be disabled (field type Unconfined, or the beta annotation `unconfined`).
 * @example
 * appArmorProfile.evaluate(pod, ctx)[0]?.message // 'forbidden AppArmor profile (annotation must not set …)'
 */
export const appArmorProfile = definePssCheck({
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor must not be disabled',
  severity: 'medium',
  reason: 'forbidden AppArmor profile',
  remediation: 'Use AppArmor profile RuntimeDefault or Localhost; remove "unconfined" annotations and Unconfined types.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec, metadata }) {
        const setters: string[] = []
        const values: string[] = []
        const paths: string[] = []
        const podProfile = get(spec, 'securityContext', 'appArmorProfile')
        if (podProfile != null && !allowedType(get(podProfile, 'type'))) {
          setters.push('pod')
          values.push(String(get(podProfile, 'type') ?? ''))
          paths.push('/spec/securityContext/appArmorProfile/type')
        }
        const bad = containersOf(spec).filter((c) => {
          const profile = get(c.container, 'securityContext', 'appArmorProfile')
          if (profile == null || allowedType(get(profile, 'type'))) return false
          values.push(String(get(profile, 'type') ?? ''))
          paths.push(`${c.path}/securityContext/appArmorProfile/type`)
          return true
        })
        if (bad.length > 0) setters.push(containerList(bad.map((c) => c.name)))
        const list = sortedSet(values)
        const annotations = Object.entries(metadata.annotations ?? {})
          .filter(([key, value]) => key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(String(value)))
          .sort(([a], [b]) => a.localeCompare(b))
        if (annotations.length > 0) {
          list.push(...annotations.map(([key, value]) => `${key}="${value}"`))
          paths.push(...annotations.map(([key]) => `/metadata/annotations/${escapePointer(key)}`))
          setters.push(pluralize('annotation', 'annotations', annotations.length))
        }
        if (setters.length === 0) return null
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length),
          detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}`,
          paths,
        }
      },
    },
  ],
})
