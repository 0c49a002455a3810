import { isIP } from 'node:net'
import type { Finding } from '../core/index.js'
import { formatMessage } from '../core/index.js'
import { DEFAULT_SCAN_OPTIONS, METADATA_ADDRESS } from './defaults.js'
import { scanMetadata } from './metadata/scan-metadata.js'
import { isLocalAddress } from './net/address-policy.js'
import { runPool } from './net/pool.js'
import { ProbeFailure } from './net/probe-failure.js'
import { createRateLimiter } from './net/rate-limit.js'
import { createProbeContext } from './probe-context.js'
import { probeEndpoint } from './probe-endpoint.js'
import { SCANNERS } from './scanners.js'
import { parseTargets, type TargetSpec } from './targets/parse-target.js'
import { resolveHost } from './targets/resolve-host.js'
import type { Endpoint, EndpointResult, ScanOptions, ScanReport, Unprobed } from './types.js'

function endpointOf(host: string, address: string, port: number): Endpoint {
  return { host, address, port, target: `${isIP(host) === 6 ? `[${host}]` : host}:${port}` }
}

async function resolveAll(specs: TargetSpec[], options: ScanOptions, unprobed: Unprobed[]): Promise<Endpoint[]> {
  const endpoints = new Map<string, Endpoint>()
  const addresses = new Map<string, string>()
  await runPool([...new Set(specs.map((s) => s.host))], options.concurrency, async (host) => {
    try {
      const address = await resolveHost(host, options.timeoutMs, options.lookup)
      if (!options.allowPublic && !isLocalAddress(address)) unprobed.push({ target: host, code: 'KUBESIEM_EXPOSURE_NOT_ALLOWED', reason: formatMessage('KUBESIEM_EXPOSURE_NOT_ALLOWED', { target: host, address }) })
      else addresses.set(host, address)
    } catch (error) {
      const failure = error instanceof ProbeFailure ? error : new ProbeFailure('KUBESIEM_EXPOSURE_UNRESOLVABLE', { target: host, detail: String(error) })
      unprobed.push({ target: host, code: failure.code, reason: failure.message })
    }
  })
  for (const spec of specs) {
    const address = addresses.get(spec.host)
    if (!address) continue
    for (const port of spec.port ? [spec.port] : options.ports) {
      const endpoint = endpointOf(spec.host, address, port)
      endpoints.set(endpoint.target, endpoint)
    }
  }
  return [...endpoints.values()]
}

function metadataEndpoint(address: string): Endpoint {
  const [, host = address, port = '80'] = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address) ?? []
  return endpointOf(host, host, Number(port))
}

const byTargetThenCheck = (a: Finding, b: Finding): number => (a.target ?? '').localeCompare(b.target ?? '', 'en', { numeric: true }) || a.checkId.localeCompare(b.checkId)

/**
 * Scan targets (hosts, host:port, CIDRs) for exposed Kubernetes surfaces with bounded concurrency,
 * a connection rate limit, connect and read timeouts and a response size limit. Targets outside
 * private, loopback and link-local ranges are skipped unless `allowPublic`. Never throws for a bad
 * target: it is listed in `unprobed` with the reason.
 * @example
 * const report = await runScan(['127.0.0.1:2379'], { timeoutMs: 1000 })
 * report.findings[0]?.checkId // 'exposure.etcd.unauthenticated-kv-read'
 */
export async function runScan(inputs: string[], partial: Partial<ScanOptions> = {}): Promise<ScanReport> {
  const started = performance.now()
  const options: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, ...partial }
  const { specs, bad } = parseTargets(inputs, options.maxCidrAddresses)
  const unprobed: Unprobed[] = [...bad]
  const notes: Unprobed[] = []
  const note = (n: Unprobed): void => void notes.push(n)
  const take = createRateLimiter(options.rate)
  const endpoints = await resolveAll(specs, options, unprobed)
  const results: EndpointResult[] = []
  const findings: Finding[] = []
  await runPool(endpoints, options.concurrency, async (endpoint) => {
    const outcome = await probeEndpoint(endpoint, SCANNERS, options, take, note)
    results.push(outcome.result)
    findings.push(...outcome.findings)
    if (outcome.unprobed) unprobed.push(outcome.unprobed)
  })
  if (options.fromPod) {
    const endpoint = metadataEndpoint(options.fromPod.metadataAddress || METADATA_ADDRESS)
    const ctx = createProbeContext(endpoint, 'http', undefined, options, take, note)
    try {
      const found = await scanMetadata(ctx)
      findings.push(...(found?.findings ?? []))
      results.push({ target: endpoint.target, state: 'open', services: found ? [found.service] : [] })
    } catch (error) {
      if (!(error instanceof ProbeFailure)) throw error
      // Unreachable metadata is the good outcome from a pod: say so, it is not an error of the scan.
      results.push({ target: endpoint.target, state: 'closed', services: [`cloud metadata not reachable (${error.message})`] })
    }
  }
  results.sort((a, b) => a.target.localeCompare(b.target, 'en', { numeric: true }))
  return { findings: findings.sort(byTargetThenCheck), endpoints: results, unprobed, notes, targets: inputs.length, seconds: (performance.now() - started) / 1000 }
}
