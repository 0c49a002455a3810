import type { Finding } from '../core/index.js'
import { KubesiemError } from '../core/index.js'
import { httpRequest } from './net/http-request.js'
import { ProbeFailure } from './net/probe-failure.js'
import type { RateLimiter } from './net/rate-limit.js'
import { tcpOpen } from './net/tcp-open.js'
import { createProbeContext, type NoteSink } from './probe-context.js'
import type { Scanner } from './scanner.js'
import { inspectTls } from './tls/inspect-tls.js'
import type { Endpoint, EndpointResult, ScanOptions, Unprobed } from './types.js'

/** What probing one endpoint produced. */
export interface EndpointOutcome {
  result: EndpointResult
  findings: Finding[]
  unprobed?: Unprobed
}

async function answersHttp(endpoint: Endpoint, options: ScanOptions, take: RateLimiter): Promise<boolean> {
  await take()
  const request = { scheme: 'http' as const, address: endpoint.address, port: endpoint.port, host: endpoint.host, target: endpoint.target, method: 'GET' as const, path: '/' }
  return httpRequest(request, options).then(() => true, () => false)
}

const unprobed = (endpoint: Endpoint, failure: ProbeFailure): Unprobed => ({ target: endpoint.target, code: failure.code, reason: failure.message })

/**
 * Probe one host:port: TCP connect, then the TLS probe (certificate, client-certificate demands),
 * then every scanner. Never throws for network trouble: a failure becomes the endpoint's
 * `unprobed` reason (nothing recognised) or a note (something was recognised).
 * @example const outcome = await probeEndpoint(endpoint, SCANNERS, options, take, notes.push.bind(notes))
 */
export async function probeEndpoint(endpoint: Endpoint, scanners: Scanner[], options: ScanOptions, take: RateLimiter, note: NoteSink): Promise<EndpointOutcome> {
  const result: EndpointResult = { target: endpoint.target, state: 'closed', services: [] }
  await take()
  const state = await tcpOpen(endpoint.address, endpoint.port, options.timeoutMs)
  if (state === 'closed') return { result, findings: [] }
  result.state = 'unprobed'
  if (state === 'timeout') return { result, findings: [], unprobed: unprobed(endpoint, new ProbeFailure('KUBESIEM_EXPOSURE_TIMEOUT', { target: endpoint.target, phase: 'connect', timeoutMs: options.timeoutMs, request: 'TCP connect' })) }
  await take()
  let scheme = await inspectTls(endpoint, options.timeoutMs)
  // Some plain-HTTP servers wait for a full request line and never answer a ClientHello: ask once in HTTP.
  if (scheme.kind === 'failed' && scheme.failure.code === 'KUBESIEM_EXPOSURE_NO_ANSWER' && (await answersHttp(endpoint, options, take))) scheme = { kind: 'plain' }
  if (scheme.kind === 'failed') return { result, findings: [], unprobed: unprobed(endpoint, scheme.failure) }
  result.state = 'open'
  const ctx = createProbeContext(endpoint, scheme.kind === 'tls' ? 'https' : 'http', scheme.kind === 'tls' ? scheme.tls : undefined, options, take, note)
  const findings: Finding[] = []
  const failures: ProbeFailure[] = []
  for (const scanner of scanners) {
    try {
      const found = await scanner.scan(ctx)
      if (found) {
        result.services.push(found.service)
        findings.push(...found.findings)
      }
    } catch (error) {
      // A non-read request is a bug in a probe, never a property of the target: let it surface.
      if (error instanceof KubesiemError || !(error instanceof ProbeFailure)) throw error
      failures.push(error)
    }
  }
  if (result.services.length === 0 && failures.length > 0) {
    result.state = 'unprobed'
    return { result, findings, unprobed: unprobed(endpoint, failures[0]!) }
  }
  if (result.services.length === 0 && ctx.tls?.clientCertRequired) result.services.push(`TLS, client certificate required (accepts ${ctx.tls.acceptableCAs?.join('; ') || 'unnamed CAs'})`)
  for (const failure of new Set(failures)) note(unprobed(endpoint, failure))
  return { result, findings }
}
