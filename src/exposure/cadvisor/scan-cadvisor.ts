import { exposureFinding, jsonOf, textOf } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'

/**
 * cAdvisor (4194; the kubelet's --cadvisor-port, removed in 1.12, and standalone DaemonSets): its
 * REST API (`/api/v2.0/machine`) or metrics (`cadvisor_version_info`) without authentication.
 * @example await scanCadvisor(ctx) // { service: 'cadvisor', findings: [...] }
 */
export async function scanCadvisor(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.tls?.clientCertRequired) return undefined
  const machine = await ctx.get('/api/v2.0/machine')
  const m = jsonOf(machine)
  const api = machine.status === 200 && m && 'num_cores' in m && 'machine_id' in m
  const metrics = api ? machine : await ctx.get('/metrics')
  if (!api && !(metrics.status === 200 && /^cadvisor_version_info\{/m.test(textOf(metrics)))) return undefined
  const finding = exposureFinding(ctx, {
    checkId: 'exposure.cadvisor.unauthenticated', severity: 'medium', controls: [],
    message: `cAdvisor on ${ctx.endpoint.target} answers without authentication: every container, image and its resource use on the node`,
    remediation: 'Do not publish cAdvisor (kubelet --cadvisor-port=0 before 1.12; standalone: bind to localhost, or a NetworkPolicy).',
  }, metrics)
  return { service: 'cadvisor', findings: [finding] }
}

/** The cAdvisor scanner. */
export const cadvisorScanner: Scanner = { surface: 'cadvisor', ports: [4194], scan: scanCadvisor }
