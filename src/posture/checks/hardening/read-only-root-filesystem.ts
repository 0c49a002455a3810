import { defineCheck, fail, pass } from '../../check.js'
import { get } from '../pss/helpers.js'

/**
 * Containers should run with a read-only root filesystem. Follows Polaris: either every container
 * sets securityContext.readOnlyRootFilesystem: true, or the pod-level field (which Polaris also
 * accepts) is true and no container sets anything else. Init containers are not considered.
 * @example
 * readOnlyRootFilesystem.evaluate(pod, ctx)[0]?.message // 'container "app" does not set securityContext.readOnlyRootFilesystem: true'
 */
export const readOnlyRootFilesystem = defineCheck({
  id: 'hardening.container.read-only-root-filesystem',
  title: 'Containers should have a read-only root filesystem',
  controls: [{ framework: 'polaris', control: 'notReadOnlyRootFilesystem' }],
  severity: 'medium',
  target: 'PodSpec',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the app must write.',
  evaluate({ spec }) {
    const containers = (Array.isArray(spec.containers) ? spec.containers : []).map((container, i) => ({ container, path: `/spec/containers/${i}` }))
    const podDefault = get(spec, 'securityContext', 'readOnlyRootFilesystem') === true
    const bad = containers.filter(({ container }) => {
      const value = get(container, 'securityContext', 'readOnlyRootFilesystem')
      return podDefault ? value !== undefined && value !== true : value !== true
    })
    if (bad.length === 0) return pass()
    return fail(bad.map(({ container }) => `container "${String(get(container, 'name') ?? '')}" does not set securityContext.readOnlyRootFilesystem: true`).join('; '), {
      paths: bad.map(({ path }) => `${path}/securityContext/readOnlyRootFilesystem`),
    })
  },
})
