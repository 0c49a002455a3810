import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { KubesiemError } from '../../core/index.js'
import { targetsFromObjects } from './cluster-targets.js'

/**
 * `--from-cluster FILE`: targets from a snapshot (`kubectl get nodes,services,endpoints -A -o json`,
 * JSON or YAML). A kubeconfig is recognised and refused: reading a live cluster needs
 * @kubernetes/client-node, which kubesiem does not ship.
 * @example await readClusterSnapshot('cluster.json') // ['10.0.0.5', '10.96.0.1:443', ...]
 */
export async function readClusterSnapshot(file: string): Promise<string[]> {
  let doc: unknown
  try {
    doc = parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new KubesiemError('KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE', { file, detail: (error as Error).message })
  }
  if ((doc as { kind?: string })?.kind === 'Config' && 'clusters' in (doc as object)) throw new KubesiemError('KUBESIEM_EXPOSURE_KUBECONFIG_UNSUPPORTED', { file })
  const targets = targetsFromObjects(doc)
  if (targets.length === 0) throw new KubesiemError('KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE', { file, detail: 'no Node, Service, Endpoints or EndpointSlice with an address' })
  return targets
}
