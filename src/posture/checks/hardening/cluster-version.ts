import type { Inventory } from '../../check.js'
import { isRecord, type KubeObject } from '../../types.js'

type Version = [number, number, number]

/**
 * Parse `v1.34.2`, `v1.34.2-eks-1234` or `1.34.2+k3s1` into numbers.
 * @example
 * parseK8sVersion('v1.34.2-gke.100') // [1, 34, 2]
 */
export function parseK8sVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim())
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined
}

/**
 * The Kubernetes version in a container image's tag (`registry.k8s.io/kube-apiserver:v1.34.2`);
 * undefined for untagged, `latest` or digest-only images.
 * @example
 * imageVersionTag('registry.k8s.io/kube-scheduler:v1.30.2@sha256:…') // 'v1.30.2'
 */
export function imageVersionTag(image: unknown): string | undefined {
  return /:(v\d+\.\d+\.\d+[^@]*)/.exec(typeof image === 'string' ? image : '')?.[1]
}

/** A version an object reports, who runs it, and the JSON path it was read from. */
export interface ReportedVersion {
  role: string
  text: string
  path: string
}

/**
 * The versions an object reports: the API server's (ClusterInfo from collect, or its static Pod's
 * image tag) or a node's kubelet.
 * @example
 * versionsOf(node) // [{ role: 'kubelet on node-1', text: 'v1.34.1', path: '/status/nodeInfo/kubeletVersion' }]
 */
export function versionsOf(object: KubeObject): ReportedVersion[] {
  if (object.kind === 'Pod' && isRecord(object.spec) && Array.isArray(object.spec.containers)) {
    const index = object.spec.containers.findIndex((c) => isRecord(c) && Array.isArray(c.command) && String(c.command[0]).split('/').pop() === 'kube-apiserver')
    const tag = index < 0 ? undefined : imageVersionTag((object.spec.containers[index] as { image?: unknown }).image)
    return tag ? [{ role: 'API server', text: tag, path: `/spec/containers/${index}/image` }] : []
  }
  if (object.kind === 'ClusterInfo' && isRecord(object.serverVersion) && typeof object.serverVersion.gitVersion === 'string') return [{ role: 'API server', text: object.serverVersion.gitVersion, path: '/serverVersion/gitVersion' }]
  if (object.kind === 'Node' && isRecord(object.status) && isRecord(object.status.nodeInfo) && typeof object.status.nodeInfo.kubeletVersion === 'string') return [{ role: `kubelet on ${object.metadata?.name ?? ''}`, text: object.status.nodeInfo.kubeletVersion, path: '/status/nodeInfo/kubeletVersion' }]
  return []
}

/**
 * Every version the run's objects report, in the order API server (ClusterInfo, then static Pods)
 * and kubelets: what a check about "the cluster's version" can go by when its own object has none.
 * @example
 * clusterVersions(ctx.inventory).find((v) => v.role === 'API server')?.text // 'v1.34.2'
 */
export function clusterVersions(inventory: Inventory | undefined): ReportedVersion[] {
  if (!inventory) return []
  return ['ClusterInfo', 'Pod', 'Node'].flatMap((kind) => inventory.byKind(kind).flatMap(({ object }) => versionsOf(object)))
}
