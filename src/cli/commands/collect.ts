import { writeFile } from 'node:fs/promises'
import { collectSnapshot } from '../../sources/k8s-api/index.js'

/**
 * `kubesiem collect --kubeconfig F [--context C] --out FILE`: write a `kind: List` snapshot that
 * `kubesiem posture FILE` and `kubesiem rbac … FILE` read offline.
 * @example
 * await runCollect({ kubeconfig: 'kubeconfig', out: 'snapshot.json' }, console.error)
 */
export async function runCollect(flags: { kubeconfig: string; context?: string; out: string }, err: (text: string) => void): Promise<number> {
  const snapshot = await collectSnapshot({ kubeconfig: flags.kubeconfig, context: flags.context })
  for (const p of snapshot.problems) err(p.message)
  await writeFile(flags.out, `${JSON.stringify(snapshot.list, null, 1)}\n`)
  err(`wrote ${snapshot.list.items.length} objects from ${snapshot.server} (context "${snapshot.context}") to ${flags.out}`)
  return snapshot.list.items.length
}
