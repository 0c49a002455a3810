import { definePssCheck } from './define-pss-check.js'

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const

/**
 * Baseline: pods must not share the node's network, PID or IPC namespace.
 * @example
 * hostNamespaces.evaluate(pod, ctx)[0]?.message // 'host namespaces (hostNetwork=true)'
 */
export const hostNamespaces = definePssCheck({
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Pods must not share host namespaces',
  severity: 'high',
  reason: 'host namespaces',
  cis: ['5.2.3', '5.2.4', '5.2.5'],
  remediation: 'Remove hostNetwork, hostPID and hostIPC, or set them to false.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const shared = HOST_NAMESPACE_FIELDS.filter((field) => spec[field] === true)
        if (shared.length === 0) return null
        return { detail: shared.map((f) => `${f}=true`).join(', '), paths: shared.map((f) => `/spec/${f}`) }
      },
    },
  ],
})
