import { definePssCheck } from './define-pss-check.js'
import { containersOf, get, joinQuote, pluralize, sortedSet } from './helpers.js'

const HANDLERS = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
] as const

/**
 * Baseline (v1.34+): probes and lifecycle handlers must not target another host.
 * @example
 * hostProbesAndHostLifecycle.evaluate(pod, ctx)[0]?.message // 'probe or lifecycle host (container "a" uses probe or lifecycle host "1.2.3.4")'
 */
export const hostProbesAndHostLifecycle = definePssCheck({
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Probes and lifecycle hooks must not set a host',
  severity: 'medium',
  reason: 'probe or lifecycle host',
  remediation: 'Remove httpGet.host and tcpSocket.host from probes and lifecycle handlers; they default to the pod IP.',
  versions: [
    {
      since: '1.34',
      evaluate({ spec }) {
        const badNames = new Set<string>()
        const hosts: string[] = []
        const paths: string[] = []
        for (const c of containersOf(spec)) {
          for (const handler of HANDLERS) {
            for (const kind of ['httpGet', 'tcpSocket']) {
              const host = get(c.container, ...handler, kind, 'host')
              if (typeof host === 'string' && host !== '') {
                badNames.add(c.name)
                hosts.push(host)
                paths.push(`${c.path}/${handler.join('/')}/${kind}/host`)
              }
            }
          }
        }
        if (badNames.size === 0) return null
        const names = sortedSet(badNames)
        const uniqueHosts = sortedSet(hosts)
        const detail = `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', uniqueHosts.length)} ${joinQuote(uniqueHosts)}`
        return { detail, paths }
      },
    },
  ],
})
