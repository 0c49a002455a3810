import type { Finding } from '../../core/index.js'
import { controls, exposureFinding, jsonOf, textOf } from '../finding.js'
import { isLoopback } from '../net/address-policy.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import type { Answer } from '../types.js'

interface Component {
  name: string
  cis: { profiling: string; bindAddress: string }
}

const SCHEDULER: Component = { name: 'kube-scheduler', cis: { profiling: '1.4.1', bindAddress: '1.4.2' } }
const CONTROLLER_MANAGER: Component = { name: 'kube-controller-manager', cis: { profiling: '1.3.2', bindAddress: '1.3.7' } }
// Metric families only that component exports (kube-scheduler, kube-controller-manager /metrics).
const SCHEDULER_METRICS = /^# TYPE scheduler_/m
const CM_METRICS = /^# TYPE (?:node_collector_|endpoint_slice_controller_|garbagecollector_controller_|replicaset_controller_)/m

function component(port: number, metrics: Answer): Component | undefined {
  const text = metrics.status === 200 ? textOf(metrics) : ''
  if (SCHEDULER_METRICS.test(text)) return SCHEDULER
  if (CM_METRICS.test(text)) return CONTROLLER_MANAGER
  return port === 10259 ? SCHEDULER : port === 10257 ? CONTROLLER_MANAGER : undefined
}

const isKubeStatus = (a: Answer): boolean => (a.status === 401 || a.status === 403) && jsonOf(a)?.kind === 'Status'

/**
 * Whether a control-plane component listening on this address is a finding by itself: CIS wants
 * it bound to 127.0.0.1, so being reachable on any other address fails the check.
 * @example offHost('10.0.0.5') // true; offHost('127.0.0.1') // false
 */
export function offHost(address: string): boolean {
  return !isLoopback(address)
}

/**
 * kube-controller-manager (10257) and kube-scheduler (10259): `/metrics`, `/debug/pprof/` and
 * `/configz` without credentials (401/403 are the safe answers), and a bind address off loopback.
 * @example await scanControlPlane(ctx) // { service: 'kube-scheduler', findings: [...] }
 */
export async function scanControlPlane(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.scheme !== 'https' || ctx.tls?.clientCertRequired) return undefined
  const metrics = await ctx.get('/metrics')
  const c = component(ctx.endpoint.port, metrics)
  const healthz = await ctx.get('/healthz')
  if (!c || !(metrics.status === 200 || isKubeStatus(metrics) || (healthz.status === 200 && textOf(healthz) === 'ok'))) return undefined
  const t = ctx.endpoint.target
  const findings: Finding[] = []
  const remediation = `Keep authentication and authorization on for ${c.name} (do not add /metrics or /debug to --authorization-always-allow-paths), set --profiling=false and --bind-address=127.0.0.1.`
  if (metrics.status === 200 && /^# (?:HELP|TYPE) /m.test(textOf(metrics))) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.control-plane.metrics-unauthenticated', severity: 'medium', controls: [],
    message: `${c.name} on ${t} serves /metrics without credentials`, remediation,
  }, metrics))
  const pprof = await ctx.get('/debug/pprof/')
  if (pprof.status === 200 && /profiles|goroutine/i.test(textOf(pprof))) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.control-plane.profiling-unauthenticated', severity: 'high', controls: controls({ cis: [c.cis.profiling] }),
    message: `${c.name} on ${t} serves Go profiling (/debug/pprof/) without credentials: heap dumps can hold credentials`, remediation,
  }, pprof))
  const configz = await ctx.get('/configz')
  if (configz.status === 200 && jsonOf(configz)) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.control-plane.configz-unauthenticated', severity: 'high', controls: [],
    message: `${c.name} on ${t} serves its configuration (/configz) without credentials`, remediation,
  }, configz))
  if (offHost(ctx.endpoint.address)) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.control-plane.bind-address', severity: 'medium', controls: controls({ cis: [c.cis.bindAddress] }),
    message: `${c.name} is reachable on ${t}, not only on loopback`, remediation,
  }, healthz))
  return { service: c.name, findings }
}

/** The controller-manager and scheduler scanner. */
export const controlPlaneScanner: Scanner = { surface: 'control-plane', ports: [10257, 10259], scan: scanControlPlane }
