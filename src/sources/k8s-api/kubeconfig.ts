import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { RequestOptions } from 'node:https'
import { dirname, isAbsolute, resolve } from 'node:path'
import { parse } from 'yaml'
import { isRecord } from '../../posture/types.js'

/** A kubeconfig context resolved to what a request needs. */
export interface ClusterAuth {
  context: string
  server: string
  /** Adds TLS material and the Authorization header to a request's options. */
  apply(options: RequestOptions): Promise<void>
}

/**
 * Resolve a kubeconfig context with @kubernetes/client-node, which knows every auth plugin. It is
 * imported lazily: client-node 2.x pulls in undici 8, which does not load on Node < 22.19, and the
 * rest of the CLI must not pay for (or break on) that. There, the built-in reader below is used.
 * @example
 * const auth = await resolveClusterAuth('kubeconfig', 'prod'); await auth.apply(options)
 */
export async function resolveClusterAuth(file: string, context?: string): Promise<ClusterAuth> {
  if (!clientNodeLoads()) return readKubeconfig(file, context)
  const clientNode = await import('@kubernetes/client-node')
  const kc = new clientNode.KubeConfig()
  kc.loadFromFile(file)
  if (context) {
    if (!kc.getContextObject(context)) throw new Error(`no context named "${context}"`)
    kc.setCurrentContext(context)
  }
  const server = kc.getCurrentCluster()?.server
  if (!server) throw new Error('the current context names no cluster with a server address')
  return { context: kc.getCurrentContext(), server, apply: (options) => kc.applyToHTTPSOptions(options) }
}

// undici 8 (under client-node 2.x) declares node >= 22.19; on older Node its module init throws in a
// way that escapes import()'s rejection and kills the process, so the version is checked first.
function clientNodeLoads(): boolean {
  const [major, minor] = process.versions.node.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 19)
}

const named = (list: unknown, name: string, field: string): Record<string, unknown> | undefined => {
  const entry = (Array.isArray(list) ? list : []).filter(isRecord).find((e) => e.name === name)
  return entry && isRecord(entry[field]) ? entry[field] : undefined
}

/**
 * The built-in kubeconfig reader: certificate-authority(-data), client-certificate/key(-data), token,
 * tokenFile, insecure-skip-tls-verify, and exec credential plugins (client.authentication.k8s.io).
 * @example
 * const auth = readKubeconfig('kubeconfig')
 */
export function readKubeconfig(file: string, contextName?: string): ClusterAuth {
  const doc = parse(readFileSync(file, 'utf8')) as unknown
  if (!isRecord(doc)) throw new Error('not a kubeconfig (expected a YAML mapping)')
  const contextKey = contextName ?? (typeof doc['current-context'] === 'string' ? doc['current-context'] : '')
  const context = named(doc.contexts, contextKey, 'context')
  if (!context) throw new Error(contextName ? `no context named "${contextName}"` : 'no current-context')
  const cluster = named(doc.clusters, String(context.cluster), 'cluster')
  const server = typeof cluster?.server === 'string' ? cluster.server : ''
  if (!cluster || !server) throw new Error(`context "${contextKey}" names no cluster with a server address`)
  const user = named(doc.users, String(context.user), 'user') ?? {}
  const base = dirname(resolve(file))
  const material = (data: unknown, path: unknown): Buffer | undefined =>
    typeof data === 'string' ? Buffer.from(data, 'base64') : typeof path === 'string' ? readFileSync(isAbsolute(path) ? path : resolve(base, path)) : undefined
  return {
    context: contextKey,
    server,
    async apply(options) {
      options.ca = material(cluster['certificate-authority-data'], cluster['certificate-authority'])
      options.cert = material(user['client-certificate-data'], user['client-certificate'])
      options.key = material(user['client-key-data'], user['client-key'])
      if (cluster['insecure-skip-tls-verify'] === true) options.rejectUnauthorized = false
      const token = typeof user.token === 'string' ? user.token : typeof user.tokenFile === 'string' ? readFileSync(user.tokenFile, 'utf8').trim() : execToken(user.exec)
      if (token) options.headers = { ...options.headers, Authorization: `Bearer ${token}` }
    },
  }
}

function execToken(exec: unknown): string | undefined {
  if (!isRecord(exec) || typeof exec.command !== 'string') return undefined
  const env = { ...process.env, ...Object.fromEntries((Array.isArray(exec.env) ? exec.env : []).filter(isRecord).map((e) => [String(e.name), String(e.value)])) }
  const output = execFileSync(exec.command, Array.isArray(exec.args) ? exec.args.map(String) : [], { env, encoding: 'utf8', timeout: 30_000 })
  const status = (JSON.parse(output) as { status?: { token?: string } }).status
  return status?.token
}
