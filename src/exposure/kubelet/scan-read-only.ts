import { controls, exposureFinding } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import { podListFacts } from './pod-list.js'

/**
 * The kubelet read-only port (10255, plain HTTP, no auth at all): `/pods` answering a PodList.
 * @example await scanKubeletReadOnly(ctx) // { service: 'kubelet read-only', findings: [...] }
 */
export async function scanKubeletReadOnly(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.scheme !== 'http') return undefined
  const pods = await ctx.get('/pods')
  const facts = podListFacts(pods)
  if (!facts) return undefined
  const finding = exposureFinding(ctx, {
    checkId: 'exposure.kubelet.read-only-port', severity: 'high', controls: controls({ cis: ['4.2.4'], khv: ['KHV052', ...(facts.privileged.length ? ['KHV044'] : [])] }),
    message: `kubelet read-only port open on ${ctx.endpoint.target}: ${facts.pods} pod spec(s) readable without any authentication${facts.privileged.length ? `, ${facts.privileged.length} privileged container(s)` : ''}`,
    remediation: 'Set --read-only-port=0 (kubelet config readOnlyPort: 0).',
  }, pods, { ...facts })
  return { service: 'kubelet read-only', findings: [finding] }
}

/** The kubelet read-only port scanner. */
export const kubeletReadOnlyScanner: Scanner = { surface: 'kubelet-read-only', ports: [10255], scan: scanKubeletReadOnly }
