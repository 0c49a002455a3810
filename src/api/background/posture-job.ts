import { readPostureInput } from '../../sources/cluster-objects/read-input.js'
import { loadCisBenchmark } from '../../content/load-cis.js'
import { loadK8sFeatureGates } from '../../content/load-feature-gates.js'
import { loadK8sReleases } from '../../content/load-releases.js'
import { isObject, type Finding, type KubeEvent } from '../../core/index.js'
import { BUILTIN_CHECKS, CLUSTER_HARDENING_CHECKS, diffFindings, runPosture, type SourcedObject } from '../../posture/index.js'
import type { Store } from '../../store/store.js'

export interface PostureJobOptions {
  store: Store
  /** Manifest files, folders or a `kubectl get -A -o json` dump. */
  snapshot?: string
  kubeconfig?: string
  context?: string
  intervalMinutes: number
  cluster: string
  onError: (error: unknown) => void
  /** After a change seen in the audit log, how long to wait for more before re-evaluating. */
  debounceMs?: number
}

export interface PostureRun {
  findings: Finding[]
  new: Finding[]
  resolved: Finding[]
}

const CHANGE_VERBS = new Set(['create', 'update', 'patch'])
const keyOf = (kind: string, namespace: string | undefined, name: string): string => `${kind.toLowerCase()}/${namespace ?? ''}/${name}`

// objectRef names a resource (plural), an object names its kind; this covers the kinds posture reads.
function pluralOf(kind: string): string {
  const k = kind.toLowerCase()
  return k.endsWith('s') ? `${k}es` : k.endsWith('y') ? `${k.slice(0, -1)}ies` : `${k}s`
}

/**
 * Posture in the server: a snapshot read on a schedule (files or a live cluster), kept current in
 * between from audit events (objects the API server answered with replace their old version; deletes
 * remove them), each evaluation stored and compared with the last.
 * @example const job = startPostureJob({ store, snapshot: 'cluster.json', intervalMinutes: 60, cluster, onError })
 */
export function startPostureJob(options: PostureJobOptions): { stop(): void; observe(events: KubeEvent[]): void; readonly done: Promise<PostureRun | undefined> } {
  const objects = new Map<string, SourcedObject>()
  let previous: Finding[] = []
  let running: Promise<PostureRun | undefined> = Promise.resolve(undefined)
  let debounce: NodeJS.Timeout | undefined

  const evaluate = async (reload: boolean): Promise<PostureRun | undefined> => {
    try {
      if (reload) {
        const input = await readPostureInput(options.snapshot ? [options.snapshot] : [], { kubeconfig: options.kubeconfig, context: options.context }, 'posture')
        objects.clear()
        for (const o of input.objects) {
          const meta = isObject(o.object.metadata) ? o.object.metadata : {}
          objects.set(keyOf(String(o.object.kind ?? ''), meta.namespace as string | undefined, String(meta.name ?? '')), o)
        }
      }
      const result = runPosture([...objects.values()], { checks: [...BUILTIN_CHECKS, ...CLUSTER_HARDENING_CHECKS], cis: loadCisBenchmark(), releases: loadK8sReleases(), featureGates: loadK8sFeatureGates() })
      const time = new Date().toISOString()
      const findings = result.findings.map((f) => ({ ...f, cluster: options.cluster, time }))
      if (findings.length) await options.store.appendFindings(findings)
      const diff = diffFindings(previous, findings)
      previous = findings
      return { findings, new: diff.new, resolved: diff.resolved }
    } catch (error) {
      options.onError(error)
      return undefined
    }
  }

  const schedule = (reload: boolean): void => {
    running = running.then(() => evaluate(reload))
  }
  schedule(true)
  const timer = setInterval(() => schedule(true), options.intervalMinutes * 60_000)
  timer.unref()

  return {
    stop() {
      clearInterval(timer)
      if (debounce) clearTimeout(debounce)
    },
    observe(events) {
      let changed = false
      for (const event of events) {
        if (event.responseCode === undefined || event.responseCode >= 300 || event.objectRef.subresource) continue
        const body = event.payload.responseObject
        if (CHANGE_VERBS.has(event.verb) && isObject(body) && typeof body.kind === 'string' && body.kind !== 'Status' && isObject(body.metadata)) {
          objects.set(keyOf(body.kind, body.metadata.namespace as string | undefined, String(body.metadata.name)), { object: body as SourcedObject['object'], origin: { file: `audit:${event.id}`, line: 0 } })
          changed = true
        } else if (event.verb === 'delete' && event.objectRef.name) {
          for (const [key, o] of objects) {
            const meta = isObject(o.object.metadata) ? o.object.metadata : {}
            if (pluralOf(String(o.object.kind)) === event.objectRef.resource && meta.name === event.objectRef.name && (meta.namespace ?? undefined) === event.objectRef.namespace) {
              objects.delete(key)
              changed = true
            }
          }
        }
      }
      if (!changed || debounce) return
      debounce = setTimeout(() => {
        debounce = undefined
        schedule(false)
      }, options.debounceMs ?? 30_000)
      debounce.unref()
    },
    get done() {
      return running
    },
  }
}
