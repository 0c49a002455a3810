import { definePssCheck } from './define-pss-check.js'
import { procMountDenial } from './proc-mount.js'

/**
 * Restricted (v1.35+): the default /proc mask even in a user namespace; replaces procMount.
 * @example
 * procMountRestricted.evaluate(pod, ctx)[0]?.message // 'procMount (container "a" must not set …)'
 */
export const procMountRestricted = definePssCheck({
  id: 'procMount_restricted',
  level: 'restricted',
  title: 'Containers must keep the default /proc mask, even in a user namespace',
  severity: 'medium',
  reason: 'procMount',
  overrides: ['procMount'],
  remediation: 'Remove securityContext.procMount or set it to Default.',
  versions: [{ since: '1.35', evaluate: ({ spec }) => procMountDenial(spec) }],
})
