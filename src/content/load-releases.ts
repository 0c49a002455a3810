import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { K8sReleases } from '../posture/check.js'
import { CONTENT_DIR } from './paths.js'

/**
 * The bundled Kubernetes release and CVE snapshot (content/k8s-releases.json; docs/posture.md says
 * how to refresh it).
 * @example
 * runPosture(objects, { releases: loadK8sReleases() })
 */
export function loadK8sReleases(): K8sReleases {
  return JSON.parse(readFileSync(join(CONTENT_DIR, 'k8s-releases.json'), 'utf8')) as K8sReleases
}
