import type { Finding } from '../../core/index.js'
import { controls, exposureFinding, jsonOf, textOf, type FindingSpec } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import type { Answer } from '../types.js'
import { podListFacts } from './pod-list.js'

// The kubelet's authorizer denies with this plain-text line (pkg/kubelet/server/server.go).
const KUBELET_FORBIDDEN = /^Forbidden \(user=[^,]+, verb=\w+, resource=nodes, subresource=\w+\)/
// A pod that cannot exist (names are DNS labels): the request passes auth, then stops at the pod lookup.
const NO_POD = '/kubesiem-probe/kubesiem-probe/kubesiem-probe'
const CLOSE = 'Set --anonymous-auth=false and --authorization-mode=Webhook (kubelet config authentication.anonymous.enabled: false, authorization.mode: Webhook), with --client-ca-file.'
const BOTH = controls({ cis: ['4.2.1', '4.2.2'] })

function spec(checkId: string, severity: FindingSpec['severity'], message: string, khv: string[]): FindingSpec {
  return { checkId: `exposure.kubelet.${checkId}`, severity, controls: [...BOTH, ...controls({ khv })], message, remediation: CLOSE }
}

// GET /exec without stdin/stdout/stderr fails validation (400) after auth and before any pod lookup,
// so nothing can run; 404 "pod does not exist" also means auth and authz let us through.
function execOpen(answer: Answer): boolean {
  return (answer.status === 400 && /at least 1 of stdin, stdout, stderr/.test(textOf(answer))) || (answer.status === 404 && /pod does not exist/.test(textOf(answer)))
}

async function anonymousProbes(ctx: ProbeContext, t: string): Promise<Finding[]> {
  const findings: Finding[] = []
  const running = await ctx.get('/runningpods/')
  if (running.status === 200 && jsonOf(running)?.kind === 'PodList') findings.push(exposureFinding(ctx, spec('anonymous-running-pods', 'high', `kubelet ${t} lists its running pods to anonymous users (/runningpods/)`, ['KHV038']), running))
  const configz = await ctx.get('/configz')
  if (configz.status === 200 && jsonOf(configz)?.kubeletconfig) findings.push(exposureFinding(ctx, spec('anonymous-configz', 'high', `kubelet ${t} serves its full configuration to anonymous users (/configz)`, []), configz))
  const exec = await ctx.get(`/exec${NO_POD}`)
  if (execOpen(exec)) findings.push(exposureFinding(ctx, spec('anonymous-exec', 'critical', `kubelet ${t} lets anonymous users exec into containers (/exec passed authentication and authorization)`, ['KHV039']), exec))
  // /run is POST-only: a GET that clears auth gets 405 from the router, proving access without running anything.
  const run = await ctx.get(`/run${NO_POD}`)
  if (run.status === 405) findings.push(exposureFinding(ctx, spec('anonymous-run', 'critical', `kubelet ${t} lets anonymous users reach /run (command execution in containers)`, ['KHV040']), run))
  return findings
}

/**
 * The kubelet API (10250, HTTPS): anonymous `/pods` (200 open to all, 403 anonymous on but
 * authorization denies, 401 anonymous off), then `/runningpods/`, `/configz`, `/exec`, `/run`;
 * with `--from-pod`, `/pods` again with the pod's own token.
 * @example await scanKubelet(ctx) // { service: 'kubelet', findings: [...] }
 */
export async function scanKubelet(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.scheme !== 'https' || ctx.tls?.clientCertRequired) return undefined
  const t = ctx.endpoint.target
  const pods = await ctx.get('/pods')
  const facts = podListFacts(pods)
  if (facts) {
    const findings = [exposureFinding(ctx, spec('anonymous-pods', 'critical', `kubelet ${t} answers /pods to anonymous users: ${facts.pods} pod spec(s) with env and mounts${facts.privileged.length ? `, ${facts.privileged.length} privileged container(s)` : ''}`, ['KHV036', 'KHV052']), pods, { ...facts })]
    return { service: 'kubelet', findings: [...findings, ...(await anonymousProbes(ctx, t))] }
  }
  if (pods.status === 403 && KUBELET_FORBIDDEN.test(textOf(pods))) {
    const findings = [exposureFinding(ctx, { ...spec('anonymous-auth', 'medium', `kubelet ${t} accepts anonymous requests (authorization denies them for now): one RBAC binding away from open`, ['KHV036']), controls: controls({ cis: ['4.2.1'], khv: ['KHV036'] }) }, pods)]
    return { service: 'kubelet (anonymous auth on)', findings: [...findings, ...(await anonymousProbes(ctx, t))] }
  }
  if (pods.status === 401 && /^Unauthorized/.test(textOf(pods)) && ctx.fromPod?.token) {
    const own = await ctx.get('/pods', { authorization: `Bearer ${ctx.fromPod.token}` })
    const ownFacts = podListFacts(own)
    if (ownFacts) return { service: 'kubelet (anonymous auth off)', findings: [exposureFinding(ctx, {
      checkId: 'exposure.kubelet.pod-token-pods', severity: 'high', controls: controls({ cis: ['5.1.5', '5.1.6'], khv: ['KHV052'] }),
      message: `from this pod, its own service-account token reads /pods on kubelet ${t} (${ownFacts.pods} pod spec(s)): it is allowed nodes/proxy`,
      remediation: 'Do not grant nodes/proxy (or nodes/*) to workload service accounts; set automountServiceAccountToken: false where pods do not call the API.',
    }, own, { ...ownFacts })] }
  }
  if (pods.status === 401 && ctx.endpoint.port === 10250 && /^Unauthorized/.test(textOf(pods))) return { service: 'kubelet (anonymous auth off)', findings: [] }
  return undefined
}

/** The kubelet API scanner. */
export const kubeletScanner: Scanner = { surface: 'kubelet', ports: [10250], scan: scanKubelet }
