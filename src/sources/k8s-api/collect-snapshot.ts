import { request as httpRequest } from 'node:http'
import { request as httpsRequest, type RequestOptions } from 'node:https'
import { formatMessage, KubesiemError, type Problem } from '../../core/errors.js'
import { resolveClusterAuth, type ClusterAuth } from './kubeconfig.js'
import { listPath, SNAPSHOT_RESOURCES } from './resources.js'

/** Where to connect: a kubeconfig file and, optionally, one of its contexts. */
export interface ClusterTarget {
  kubeconfig: string
  context?: string
  /** Per request, connect and read (default 15 s). */
  timeoutMs?: number
}

/** A `kind: List` of everything read, the problems met, and which cluster it came from. */
export interface Snapshot {
  list: { apiVersion: 'v1'; kind: 'List'; metadata: Record<string, unknown>; items: Array<Record<string, unknown>> }
  problems: Problem[]
  context: string
  server: string
}

// Pages of this size keep each response well under the API server's default request limits.
const PAGE_SIZE = 500

/**
 * Read the cluster through the kubeconfig's credentials (certificates, tokens and exec plugins; see
 * resolveClusterAuth), every kind in SNAPSHOT_RESOURCES page by page, plus the server version as a
 * `kubesiem.io/v1 ClusterInfo` item. A kind that cannot be listed (forbidden, not served) becomes a
 * problem; an API server that cannot be reached at all throws KUBESIEM_POSTURE_CLUSTER_UNREACHABLE.
 * @example
 * const { list, problems } = await collectSnapshot({ kubeconfig: '~/.kube/config', context: 'prod' })
 */
export async function collectSnapshot(target: ClusterTarget): Promise<Snapshot> {
  const auth = await loadAuth(target)
  const { context, server } = auth
  const get = async (path: string) => fetchJson(auth, path, target.timeoutMs ?? 15_000)
  let version: Record<string, unknown>
  try {
    version = await get('/version')
  } catch (error) {
    throw new KubesiemError('KUBESIEM_POSTURE_CLUSTER_UNREACHABLE', { server, context, detail: describe(error) })
  }
  const items: Array<Record<string, unknown>> = [{ apiVersion: 'kubesiem.io/v1', kind: 'ClusterInfo', metadata: { name: context }, server, serverVersion: version }]
  const problems: Problem[] = []
  for (const [apiVersion, resource, kind] of SNAPSHOT_RESOURCES) {
    try {
      let token: string | undefined
      do {
        const query = `?limit=${PAGE_SIZE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`
        const page = await get(listPath(apiVersion, resource) + query)
        // List items come without apiVersion and kind; kubectl fills them in the same way.
        for (const item of (page.items as Array<Record<string, unknown>> | undefined) ?? []) items.push({ apiVersion, kind, ...item })
        token = (page.metadata as { continue?: string } | undefined)?.continue || undefined
      } while (token)
    } catch (error) {
      problems.push({ code: 'KUBESIEM_POSTURE_LIST_FAILED', severity: 'warning', message: formatMessage('KUBESIEM_POSTURE_LIST_FAILED', { kind, apiVersion, detail: describe(error) }) })
    }
  }
  return { list: { apiVersion: 'v1', kind: 'List', metadata: { context, collectedAt: new Date().toISOString() }, items }, problems, context, server }
}

async function loadAuth(target: ClusterTarget): Promise<ClusterAuth> {
  try {
    return await resolveClusterAuth(target.kubeconfig, target.context)
  } catch (error) {
    throw new KubesiemError('KUBESIEM_POSTURE_KUBECONFIG_INVALID', { file: target.kubeconfig, detail: describe(error) })
  }
}

async function fetchJson(auth: ClusterAuth, path: string, timeoutMs: number): Promise<Record<string, unknown>> {
  // Servers behind a proxy may carry a path prefix (https://host/k8s/clusters/c-1): keep it.
  const url = new URL(auth.server.replace(/\/$/, '') + path)
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } }
  await auth.apply(options)
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`HTTP ${res.statusCode}: ${statusMessage(body)}`))
        try {
          resolve(JSON.parse(body) as Record<string, unknown>)
        } catch {
          reject(new Error(`answer to ${path} is not JSON`))
        }
      })
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

function statusMessage(body: string): string {
  try {
    return String((JSON.parse(body) as { message?: unknown }).message ?? body.slice(0, 200))
  } catch {
    return body.slice(0, 200)
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string }
  if (e?.code === 'ECONNREFUSED') return 'connection refused (nothing listens at that address)'
  if (e?.code === 'ENOTFOUND') return 'host name does not resolve'
  return e?.message ?? String(error)
}
