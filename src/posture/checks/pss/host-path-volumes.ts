import { isRecord } from '../../types.js'
import { definePssCheck } from './define-pss-check.js'
import { joinQuote, pluralize } from './helpers.js'

/**
 * Baseline: no hostPath volumes.
 * @example
 * hostPathVolumes.evaluate(pod, ctx)[0]?.message // 'hostPath volumes (volume "data")'
 */
export const hostPathVolumes = definePssCheck({
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'Pods must not mount hostPath volumes',
  severity: 'high',
  reason: 'hostPath volumes',
  cis: ['5.2.11'],
  remediation: 'Replace hostPath volumes with emptyDir, configMap, secret or a PersistentVolumeClaim.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const volumes = Array.isArray(spec.volumes) ? spec.volumes : []
        const names: string[] = []
        const paths: string[] = []
        volumes.forEach((volume, i) => {
          if (isRecord(volume) && volume.hostPath != null) {
            names.push(String(volume.name ?? ''))
            paths.push(`/spec/volumes/${i}/hostPath`)
          }
        })
        if (names.length === 0) return null
        return { detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths }
      },
    },
  ],
})
