import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { KubesiemError } from '../../core/index.js'
import { targetsFromObjects } from './cluster-targets.js'

/** Reads a live cluster through a kubeconfig: its objects, and the API server URL it talks to. */
export type ClusterReader = (kubeconfig: string) => Promise<{ objects: unknown; server?: string }>

function serverTarget(server: string | undefined): string[] {
  if (!server) return []
  const url = new URL(server)
  return [`${url.hostname}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`]
}

/**
 * `--from-cluster FILE`: targets from a snapshot (`kubectl get nodes,services,endpoints -A -o json`,
 * JSON or YAML), or, when FILE is a kubeconfig, from the live cluster through `readCluster`
 * (the CLI passes one built on sources/k8s-api; exposure itself knows no client library).
 * @example await readClusterSnapshot('cluster.json') // ['10.0.0.5', '10.96.0.1:443', ...]
 */
export async function readClusterSnapshot(file: string, readCluster?: ClusterReader): Promise<string[]> {
  let doc: unknown
  try {
    doc = parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new KubesiemError('KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE', { file, detail: (error as Error).message })
  }
  if ((doc as { kind?: string })?.kind === 'Config' && 'clusters' in (doc as object)) {
    if (!readCluster) throw new KubesiemError('KUBESIEM_EXPOSURE_CLUSTER_UNREADABLE', { file, detail: 'no cluster reader available' })
    let live: Awaited<ReturnType<ClusterReader>>
    try {
      live = await readCluster(file)
    } catch (error) {
      throw new KubesiemError('KUBESIEM_EXPOSURE_CLUSTER_UNREADABLE', { file, detail: (error as Error).message })
    }
    return [...new Set([...serverTarget(live.server), ...targetsFromObjects(live.objects)])]
  }
  const targets = targetsFromObjects(doc)
  if (targets.length === 0) throw new KubesiemError('KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE', { file, detail: 'no Node, Service, Endpoints or EndpointSlice with an address' })
  return targets
}
