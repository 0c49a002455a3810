import type { PodSpecInput } from './check.js'
import { isRecord, type ObjectMeta, type SourcedObject } from './types.js'

/** Where each workload kind keeps its pod template (JSON pointer from the object root). */
export const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
}

/** A pod spec found in an object, with the pointer of its template root (`''` for a Pod). */
export interface LocatedPodSpec extends PodSpecInput {
  root: string
}

/**
 * The pod spec of a Pod or of a workload's template. A template with no spec or no containers
 * still yields a (empty) spec, so it is evaluated rather than skipped.
 * @example
 * podSpecOf(deployment)?.root // '/spec/template'
 */
export function podSpecOf(owner: SourcedObject): LocatedPodSpec | undefined {
  const kind = owner.object.kind
  const apiVersion = owner.object.apiVersion ?? ''
  // Only the core and built-in workload groups: a CRD named "Deployment" is not ours to judge.
  if (kind === undefined || !(kind in POD_TEMPLATE_PATHS)) return undefined
  if (!/^(v1|apps\/v\w+|batch\/v\w+|extensions\/v1beta1)$/.test(apiVersion) && apiVersion !== '') return undefined
  let template: unknown = owner.object
  for (const key of POD_TEMPLATE_PATHS[kind]) template = isRecord(template) ? template[key] : undefined
  const root = POD_TEMPLATE_PATHS[kind].map((key) => `/${key}`).join('')
  const spec = isRecord(template) && isRecord(template.spec) ? template.spec : {}
  const metadata = (isRecord(template) && isRecord(template.metadata) ? template.metadata : {}) as ObjectMeta
  return { spec, metadata, owner, root }
}

/**
 * Keys (`Kind/namespace/name`) of the objects whose pod template we check, so that a Pod made by a
 * ReplicaSet made by a Deployment in a live dump is judged once, at its owner.
 * @example
 * const owners = ownerKeys(objects); if (isControlledByOneOf(pod.object, owners)) skip()
 */
export function ownerKeys(objects: SourcedObject[]): Set<string> {
  const keys = new Set<string>()
  for (const { object } of objects) {
    if (object.kind && object.kind in POD_TEMPLATE_PATHS) keys.add(`${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`)
  }
  return keys
}

/**
 * True when the object's controller (ownerReferences with controller: true) is among `owners`.
 * @example
 * isControlledByOneOf(replicaSet, ownerKeys(objects)) // true when its Deployment is in the input
 */
export function isControlledByOneOf(object: SourcedObject['object'], owners: ReadonlySet<string>): boolean {
  const refs = object.metadata?.ownerReferences
  if (!Array.isArray(refs)) return false
  return refs.some((ref) => isRecord(ref) && ref.controller === true && owners.has(`${String(ref.kind)}/${object.metadata?.namespace ?? ''}/${String(ref.name)}`))
}
