import type { Answer } from '../types.js'
import { jsonOf } from '../finding.js'

/** What a kubelet pod list proves: how many pods, and which run privileged containers (KHV044). */
export interface PodListFacts {
  pods: number
  privileged: string[]
}

/**
 * Read a kubelet `/pods` answer; undefined unless it is a PodList. A list cut at the size limit
 * is still a PodList: count what can be counted from the prefix.
 * @example podListFacts(answer)?.privileged // ['kube-system/kube-proxy-x/kube-proxy']
 */
export function podListFacts(answer: Answer): PodListFacts | undefined {
  if (answer.status !== 200) return undefined
  const json = jsonOf(answer)
  if (!json) {
    const text = answer.body.toString('utf8')
    return /^\s*\{\s*"kind"\s*:\s*"PodList"/.test(text) ? { pods: (text.match(/"kind":"Pod"/g) ?? []).length, privileged: [] } : undefined
  }
  if (json.kind !== 'PodList' || !Array.isArray(json.items)) return undefined
  const privileged: string[] = []
  for (const pod of json.items as { metadata?: { namespace?: string; name?: string }; spec?: { containers?: { name?: string; securityContext?: { privileged?: boolean } }[] } }[]) {
    for (const c of pod.spec?.containers ?? []) if (c.securityContext?.privileged) privileged.push(`${pod.metadata?.namespace}/${pod.metadata?.name}/${c.name}`)
  }
  return { pods: json.items.length, privileged }
}
