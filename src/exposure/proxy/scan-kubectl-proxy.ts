import { controls, exposureFinding, textOf } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import type { Answer } from '../types.js'

// kubectl proxy's FilterServer rejects a Host outside --accept-hosts with exactly this body.
const FILTER_REJECTED = '<h3>Unauthorized</h3>'
const REMEDIATION = 'Do not run kubectl proxy with --address other than 127.0.0.1 or with --accept-hosts widened; stop long-running proxies. The Host filter is not a security boundary.'

const isResourceList = (a: Answer): boolean => a.status === 200 && textOf(a).includes('APIResourceList')

/**
 * kubectl proxy (8001, plain HTTP): `/api/v1` answering an APIResourceList means the API with the
 * proxy user's credentials. A `<h3>Unauthorized</h3>` 403 is its Host filter, which a client
 * passes by sending `Host: localhost:PORT`; we send that too, still a GET.
 * @example await scanKubectlProxy(ctx) // { service: 'kubectl proxy', findings: [...] }
 */
export async function scanKubectlProxy(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.scheme !== 'http') return undefined
  const direct = await ctx.get('/api/v1')
  const filtered = direct.status === 403 && textOf(direct).trim() === FILTER_REJECTED
  if (!filtered && !(ctx.endpoint.port === 8001 && isResourceList(direct))) return undefined
  // net.SplitHostPort in kubectl needs the port, so a bare "localhost" would be rejected too.
  const answer = filtered ? await ctx.get('/api/v1', { host: `localhost:${ctx.endpoint.port}` }) : direct
  if (!isResourceList(answer)) return { service: 'kubectl proxy (host filter holds)', findings: [] }
  const finding = exposureFinding(ctx, {
    checkId: 'exposure.proxy.kubectl-proxy-open', severity: 'critical', controls: controls({ khv: ['KHV049'] }),
    message: `kubectl proxy on ${ctx.endpoint.target} forwards anyone to the API server with its user's credentials${filtered ? ' (its Host filter is passed with Host: localhost)' : ''}`,
    remediation: REMEDIATION,
  }, answer, { hostFilterBypassed: filtered })
  return { service: 'kubectl proxy', findings: [finding] }
}

/** The kubectl proxy scanner. */
export const kubectlProxyScanner: Scanner = { surface: 'kubectl-proxy', ports: [8001], scan: scanKubectlProxy }
