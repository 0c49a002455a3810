import type { Finding } from '../../core/index.js'
import { controls, exposureFinding, jsonOf } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import type { Answer } from '../types.js'

const DISCOVERY = ['/api', '/apis', '/openapi/v2']
// ?limit=1: one item proves the list is allowed; the rest of the cluster stays unread.
const LISTS: [string, string][] = [['namespaces', '/api/v1/namespaces?limit=1'], ['pods', '/api/v1/pods?limit=1'], ['clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=1']]
const ANONYMOUS = 'Set --anonymous-auth=false (or, from 1.32, an AuthenticationConfiguration that allows anonymous only on /healthz, /livez, /readyz), and remove RBAC bindings to system:anonymous and system:unauthenticated.'

const isStatus = (a: Answer): boolean => jsonOf(a)?.kind === 'Status'
const isList = (a: Answer): boolean => a.status === 200 && Array.isArray(jsonOf(a)?.items)

// Secured controller-manager and scheduler answer 401/403 with the same Status JSON.
const CONTROL_PLANE_PORTS = [10257, 10259]

function recognise(version: Answer, api: Answer, port: number): boolean {
  const v = jsonOf(version)
  // kube-hunter: an empty "major" is metrics-server, not an API server.
  if (version.status === 200 && typeof v?.gitVersion === 'string' && v.major) return true
  if (api.status === 200 && jsonOf(api)?.kind === 'APIVersions') return true
  return (api.status === 401 || api.status === 403) && isStatus(api) && !CONTROL_PLANE_PORTS.includes(port)
}

async function listFindings(ctx: ProbeContext, headers?: Record<string, string>): Promise<{ listed: string[]; answer?: Answer }> {
  const listed: string[] = []
  let first: Answer | undefined
  for (const [name, path] of LISTS) {
    const answer = await ctx.get(path, headers)
    if (isList(answer)) {
      listed.push(name)
      first ??= answer
    }
  }
  return { listed, answer: first }
}

/**
 * The API server: anonymous `/version`, `/api`, `/apis`, `/openapi/v2` and lists; plain HTTP (the
 * insecure port, 8080); with `--from-pod`, the same lists with the pod's own token.
 * @example await scanApiServer(ctx) // { service: 'kube-apiserver', findings: [...] }
 */
export async function scanApiServer(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  // Plain HTTP on 8001 is kubectl proxy's port: the proxy scanner reports it.
  if (ctx.tls?.clientCertRequired || (ctx.scheme === 'http' && ctx.endpoint.port === 8001)) return undefined
  const [version, api] = [await ctx.get('/version'), await ctx.get('/api')]
  if (!recognise(version, api, ctx.endpoint.port)) return undefined
  const t = ctx.endpoint.target
  const findings: Finding[] = []
  const gitVersion = jsonOf(version)?.gitVersion
  if (ctx.scheme === 'http' && api.status === 200) {
    findings.push(exposureFinding(ctx, {
      checkId: 'exposure.api-server.insecure-port', severity: 'critical', controls: controls({ khv: ['KHV006'] }),
      message: `Kubernetes API answers over plain HTTP without authentication on ${t} (the insecure port, or a kubectl proxy): full control of the cluster`,
      remediation: 'Remove --insecure-port/--insecure-bind-address (gone since 1.20; upgrade), or stop the proxy; serve the API over TLS only.',
    }, api))
  }
  if (version.status === 200 && gitVersion) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.api-server.version-disclosed', severity: 'info', controls: controls({ khv: ['KHV002'] }),
    message: `API server ${t} tells anonymous users its version ${gitVersion} (the default system:public-info-viewer binding)`,
    remediation: 'Expected by default; to hide it, remove system:unauthenticated from the system:public-info-viewer ClusterRoleBinding.',
  }, version, { gitVersion }))
  const anonymousOn = [version, api].some((a) => a.status !== 401 && (a.status === 200 || isStatus(a)))
  if (ctx.scheme === 'https' && anonymousOn) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.api-server.anonymous-auth', severity: 'low', controls: controls({ cis: ['1.2.1'] }),
    message: `API server ${t} accepts anonymous requests (system:anonymous); what they may do depends on RBAC alone`,
    remediation: ANONYMOUS,
  }, api.status !== 401 ? api : version))
  const open = [api, await ctx.get('/apis'), await ctx.get('/openapi/v2')].filter((a) => a.status === 200)
  if (ctx.scheme === 'https' && open.length) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.api-server.anonymous-discovery', severity: 'medium', controls: controls({ cis: ['1.2.1'], khv: ['KHV005'] }),
    message: `API server ${t} serves discovery to anonymous users (${open.map((a) => new URL(a.url).pathname).join(', ')}): system:discovery is bound to system:unauthenticated`,
    remediation: ANONYMOUS,
  }, open[0], { paths: open.map((a) => new URL(a.url).pathname) }))
  const anon = await listFindings(ctx)
  if (anon.listed.length) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.api-server.anonymous-list', severity: 'critical', controls: controls({ cis: ['1.2.1', '1.2.6', '5.1.1'], khv: ['KHV007'] }),
    message: `API server ${t} lets unauthenticated users list ${anon.listed.join(', ')}`,
    remediation: `${ANONYMOUS} Check --authorization-mode is not AlwaysAllow.`,
  }, anon.answer, { listed: anon.listed }))
  if (ctx.fromPod?.token) {
    const own = await listFindings(ctx, { authorization: `Bearer ${ctx.fromPod.token}` })
    if (own.listed.length) findings.push(exposureFinding(ctx, {
      checkId: 'exposure.api-server.pod-token-list', severity: 'high', controls: controls({ cis: ['5.1.5', '5.1.6'], khv: ['KHV005', 'KHV007'] }),
      message: `from this pod, its own service-account token lists ${own.listed.join(', ')} on ${t}`,
      remediation: 'Set automountServiceAccountToken: false where pods do not call the API, and bind the service account only the verbs it needs.',
    }, own.answer, { listed: own.listed }))
  }
  return { service: ctx.scheme === 'http' ? 'kube-apiserver (plain HTTP)' : 'kube-apiserver', findings }
}

/** The API server scanner. */
export const apiServerScanner: Scanner = { surface: 'api-server', ports: [443, 6443, 8443, 8080], scan: scanApiServer }
