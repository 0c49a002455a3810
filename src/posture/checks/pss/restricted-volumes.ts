import { isRecord } from '../../types.js'
import { definePssCheck } from './define-pss-check.js'
import { sortedSet } from './helpers.js'

const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']

/**
 * Restricted: only core volume types (and PVC/CSI/ephemeral); replaces hostPathVolumes.
 * @example
 * restrictedVolumes.evaluate(pod, ctx)[0]?.message // 'restricted volume types (volumes ["data"] have restricted types)'
 */
export const restrictedVolumes = definePssCheck({
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Pods may only use core volume types',
  severity: 'medium',
  reason: 'restricted volume types',
  overrides: ['hostPathVolumes'],
  cis: ['5.2.11'],
  remediation: 'Use configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral or persistentVolumeClaim volumes; reach other storage through a PersistentVolume.',
  versions: [
    {
      since: '1.0',
      evaluate({ spec }) {
        const volumes = Array.isArray(spec.volumes) ? spec.volumes : []
        const names: string[] = []
        const paths: string[] = []
        volumes.forEach((volume, i) => {
          if (!isRecord(volume)) return
          if (ALLOWED_VOLUME_SOURCES.some((source) => volume[source] != null)) return
          // API defaulting turns a volume with no source into an emptyDir (SetDefaults_Volume).
          if (Object.keys(volume).every((key) => key === 'name' || volume[key] == null)) return
          names.push(String(volume.name ?? ''))
          paths.push(`/spec/volumes/${i}`)
        })
        if (names.length === 0) return null
        return { detail: `volumes [${sortedSet(names).map((n) => JSON.stringify(n)).join(' ')}] have restricted types`, paths }
      },
    },
  ],
})
