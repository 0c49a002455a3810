import { stat } from 'node:fs/promises'
import { KubesiemError, type Problem } from '../../core/errors.js'
import { readManifestFiles } from '../../posture/input/index.js'
import type { SourcedObject } from '../../posture/types.js'
import { collectSnapshot } from '../k8s-api/index.js'
import { collectNodeFacts } from '../node/collect-node-facts.js'
import { readPkiFolder } from '../node/read-pki.js'

/** Where posture and rbac commands read objects from. */
export interface InputFlags {
  kubeconfig?: string
  context?: string
  /** Posture on the node itself counts as input too. */
  node?: boolean
}

/** Objects from files and/or a live cluster, with the problems met and the cluster's name. */
export interface PostureInput {
  objects: SourcedObject[]
  problems: Problem[]
  cluster: string
}

/**
 * Read PATH... and, with --kubeconfig, the live cluster (the same read `kubesiem collect` does).
 * Neither given is a usage error.
 * @example
 * const { objects, problems } = await readPostureInput(['dump.json'], {}, 'posture')
 */
export async function readPostureInput(paths: string[], flags: InputFlags, command: string): Promise<PostureInput> {
  if (paths.length === 0 && !flags.kubeconfig && !flags.node) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `${command} needs PATH... (manifests, a kubectl get -A -o json dump)${command === 'posture' ? ', --node' : ''} or --kubeconfig FILE` })
  const { objects, problems } = await readManifestFiles(paths)
  let cluster = 'default'
  if (flags.kubeconfig) {
    const snapshot = await collectSnapshot({ kubeconfig: flags.kubeconfig, context: flags.context })
    cluster = snapshot.context
    // Live objects have no file; line 0 says so (reports then give no location).
    for (const object of snapshot.list.items) objects.push({ object, origin: { file: `cluster:${snapshot.context}`, line: 0 } })
    problems.push(...snapshot.problems)
  }
  return { objects, problems, cluster }
}

/**
 * What the host itself shows: with `node`, the node's facts (files the patterns name, Kubernetes
 * processes, their configs) and the certificates of its PKI folders, all under `nodeRoot`; with
 * `pki`, the certificates of that folder.
 * @example
 * objects.push(...(await readHostInputs({ node: true }, cis.checks.flatMap((c) => c.files))))
 */
export async function readHostInputs(flags: { node: boolean; nodeRoot?: string; pki?: string }, patterns: string[]): Promise<SourcedObject[]> {
  if (flags.pki && !(await stat(flags.pki).then((i) => i.isDirectory()).catch(() => false))) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `--pki ${flags.pki} is not a folder` })
  const objects: SourcedObject[] = []
  const folders: Array<[string, string]> = flags.pki ? [[flags.pki, flags.pki]] : []
  if (flags.node) {
    const facts = await collectNodeFacts({ root: flags.nodeRoot, patterns })
    objects.push({ object: facts, origin: { file: `node:${facts.metadata.name}`, line: 0 } })
    const root = (flags.nodeRoot ?? '/').replace(/\/$/, '')
    for (const dir of ['/etc/kubernetes/pki', '/var/lib/kubelet/pki']) folders.push([`${root}${dir}`, dir])
  }
  for (const [dir, shown] of folders) for (const cert of await readPkiFolder(dir, shown)) objects.push({ object: cert, origin: { file: cert.path, line: 0 } })
  return objects
}
