import type { Finding, Severity } from '../core/index.js'
import { scrubBody } from './net/scrub.js'
import type { ProbeContext } from './scanner.js'
import type { Answer } from './types.js'

const BODY_PREFIX_CHARS = 512

/**
 * Control ids: CIS Kubernetes Benchmark v1.12 checks as `cis:<id>` (as posture writes them), kube-hunter KB ids for cross-reference.
 * @example controls({ cis: ['2.2'], khv: ['KHV032'] }) // ['cis:2.2', 'kube-hunter:KHV032']
 */
export function controls(ids: { cis?: string[]; khv?: string[] }): string[] {
  return [...(ids.cis ?? []).map((id) => `cis:${id}`), ...(ids.khv ?? []).map((id) => `kube-hunter:${id}`)]
}

/** The fixed part of a finding: what it is, how bad, and what closes it. */
export interface FindingSpec {
  checkId: string
  severity: Severity
  controls: string[]
  message: string
  remediation: string
}

/**
 * Build an exposure finding with its evidence: the request, the status, the first bytes of the
 * answer with secrets blanked, and the TLS facts where the endpoint speaks TLS.
 * @example exposureFinding(ctx, { checkId: 'exposure.etcd.version-disclosed', … }, answer, { version })
 */
export function exposureFinding(ctx: ProbeContext, spec: FindingSpec, answer?: Answer, extra: Record<string, unknown> = {}): Finding {
  const evidence: Record<string, unknown> = {}
  if (answer) {
    evidence.request = `${answer.method} ${answer.url}`
    evidence.status = answer.status
    evidence.bodyPrefix = scrubBody(answer.body.subarray(0, BODY_PREFIX_CHARS * 2).toString('utf8').slice(0, BODY_PREFIX_CHARS))
  }
  if (ctx.tls) evidence.tls = { subject: ctx.tls.subject, issuer: ctx.tls.issuer, acceptableCAs: ctx.tls.acceptableCAs ?? [] }
  return { ...spec, target: ctx.endpoint.target, evidence: { ...evidence, ...extra } }
}

/**
 * Parse an answer's body as JSON; undefined when it is not JSON (or was cut).
 * @example jsonOf(answer)?.etcdserver // '3.4.23'
 */
export function jsonOf(answer: Answer): Record<string, any> | undefined {
  try {
    const value: unknown = JSON.parse(answer.body.toString('utf8'))
    return typeof value === 'object' && value !== null ? (value as Record<string, any>) : undefined
  } catch {
    return undefined
  }
}

/**
 * The body as text.
 * @example textOf(answer).startsWith('Forbidden')
 */
export function textOf(answer: Answer): string {
  return answer.body.toString('utf8')
}
