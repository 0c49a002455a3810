import type { RequestOptions } from 'node:https'

/** A kubeconfig context resolved to what a request needs. */
export interface ClusterAuth {
  context: string
  server: string
  /** Adds TLS material and the Authorization header to a request's options. */
  apply(options: RequestOptions): Promise<void>
}

/**
 * Resolve a kubeconfig context with @kubernetes/client-node, which knows every auth plugin
 * (certificates, tokens and token files, exec credential plugins, auth providers). Imported lazily
 * so that commands which never touch a cluster do not load it. (Pinned to 1.x: 2.x pulls in undici 8,
 * which needs Node >= 22.19, and we support Node 20.)
 * @example
 * const auth = await resolveClusterAuth('kubeconfig', 'prod'); await auth.apply(options)
 */
export async function resolveClusterAuth(file: string, context?: string): Promise<ClusterAuth> {
  const clientNode = await import('@kubernetes/client-node')
  const kc = new clientNode.KubeConfig()
  kc.loadFromFile(file)
  if (context) {
    if (!kc.getContextObject(context)) throw new Error(`no context named "${context}"`)
    kc.setCurrentContext(context)
  }
  if (!kc.getCurrentContext()) throw new Error('no current-context')
  const server = kc.getCurrentCluster()?.server
  if (!server) throw new Error(`context "${kc.getCurrentContext()}" names no cluster with a server address`)
  return { context: kc.getCurrentContext(), server, apply: (options) => kc.applyToHTTPSOptions(options) }
}
