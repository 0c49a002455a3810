import type { Finding } from '../../core/index.js'
import { exposureFinding, jsonOf, controls } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'

const NODE_PORTS = { min: 30000, max: 32767 }
const REMEDIATION = 'Remove --enable-skip-login, give the dashboard service account no cluster-wide rights, and publish it through an authenticating proxy, not a NodePort or LoadBalancer.'

/**
 * The Kubernetes Dashboard (v2 API): recognised by `/api/v1/login/modes`; skip-login offered
 * (`/api/v1/login/skippable`), its API answering without a token (`/api/v1/namespace` with
 * listMeta and no errors, as kube-hunter KHV029 checks), and exposure on a NodePort.
 * @example await scanDashboard(ctx) // { service: 'kubernetes-dashboard', findings: [...] }
 */
export async function scanDashboard(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.tls?.clientCertRequired) return undefined
  const modes = await ctx.get('/api/v1/login/modes')
  if (modes.status !== 200 || !Array.isArray(jsonOf(modes)?.modes)) return undefined
  const t = ctx.endpoint.target
  const findings: Finding[] = []
  const skippable = await ctx.get('/api/v1/login/skippable')
  if (skippable.status === 200 && jsonOf(skippable)?.skippable === true) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.dashboard.skip-login', severity: 'high', controls: [],
    message: `Kubernetes Dashboard on ${t} offers "skip login": anyone acts as the dashboard's service account`, remediation: REMEDIATION,
  }, skippable))
  const namespaces = await ctx.get('/api/v1/namespace')
  const list = jsonOf(namespaces)
  if (namespaces.status === 200 && list?.listMeta && !(list.errors?.length > 0)) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.dashboard.anonymous-api', severity: 'critical', controls: controls({ khv: ['KHV029'] }),
    message: `Kubernetes Dashboard on ${t} lists cluster objects without a token (${list.listMeta.totalItems ?? '?'} namespaces)`, remediation: REMEDIATION,
  }, namespaces))
  if (ctx.endpoint.port >= NODE_PORTS.min && ctx.endpoint.port <= NODE_PORTS.max) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.dashboard.node-port', severity: 'medium', controls: [],
    message: `Kubernetes Dashboard is published on NodePort ${ctx.endpoint.port} of ${ctx.endpoint.host}: every node address serves it`, remediation: REMEDIATION,
  }, modes))
  return { service: 'kubernetes-dashboard', findings }
}

/** The Dashboard scanner. */
export const dashboardScanner: Scanner = { surface: 'dashboard', ports: [30000, 8443, 9090, 443], scan: scanDashboard }
