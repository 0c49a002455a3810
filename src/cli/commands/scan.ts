import { readFile } from 'node:fs/promises'
import { KubesiemError } from '../../core/index.js'
import { DEFAULT_SCAN_OPTIONS, METADATA_ADDRESS, findingsAsJsonLines, findingsAsTable, parsePorts, readClusterSnapshot, runScan, scanSummary, type ScanOptions, type ScanReport } from '../../exposure/index.js'

/** The parsed flags (commander camel-cases them). */
export interface ScanFlags {
  ports?: string
  format?: string
  allow?: boolean
  fromCluster?: string
  fromPod?: boolean
  metadataAddress?: string
  tokenFile?: string
  concurrency?: string
  timeout?: string
  rate?: string
  maxBytes?: string
  maxCidr?: string
}

function positive(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new KubesiemError('KUBESIEM_EXPOSURE_BAD_OPTION', { option, detail: `expected a positive whole number, got "${value}"` })
  return n
}

// Loaded only for a kubeconfig: the live-cluster reader (and its client library) costs every other scan nothing.
async function readLiveCluster(kubeconfig: string): Promise<{ objects: unknown; server?: string }> {
  const { collectSnapshot } = await import('../../sources/k8s-api/index.js')
  const snapshot = await collectSnapshot({ kubeconfig })
  return { objects: snapshot.list, server: snapshot.server }
}

async function podToken(file: string | undefined): Promise<string | undefined> {
  // Outside a pod (or with automountServiceAccountToken: false) there is no token: probe anonymously.
  return file ? (await readFile(file, 'utf8').catch(() => undefined))?.trim() : undefined
}

/**
 * Turn the flags into scan options and targets; usage errors throw (exit 2).
 * @example const { targets, options } = await scanInputs(['127.0.0.1:2379'], { format: 'json' })
 */
export async function scanInputs(args: string[], flags: ScanFlags): Promise<{ targets: string[]; options: Partial<ScanOptions> }> {
  if (flags.format && !['json', 'table'].includes(flags.format)) throw new KubesiemError('KUBESIEM_EXPOSURE_BAD_OPTION', { option: '--format', detail: `expected json or table, got "${flags.format}"` })
  const ports = flags.ports === undefined ? DEFAULT_SCAN_OPTIONS.ports : parsePorts(flags.ports)
  if (!ports) throw new KubesiemError('KUBESIEM_EXPOSURE_BAD_OPTION', { option: '--ports', detail: `expected ports or ranges 1-65535 separated by commas, got "${flags.ports}"` })
  const targets = [...args, ...(flags.fromCluster ? await readClusterSnapshot(flags.fromCluster, readLiveCluster) : [])]
  const options: Partial<ScanOptions> = {
    ports,
    allowPublic: Boolean(flags.allow),
    concurrency: positive('--concurrency', flags.concurrency, DEFAULT_SCAN_OPTIONS.concurrency),
    timeoutMs: positive('--timeout', flags.timeout, DEFAULT_SCAN_OPTIONS.timeoutMs),
    rate: positive('--rate', flags.rate, DEFAULT_SCAN_OPTIONS.rate),
    maxBytes: positive('--max-bytes', flags.maxBytes, DEFAULT_SCAN_OPTIONS.maxBytes),
    maxCidrAddresses: positive('--max-cidr', flags.maxCidr, DEFAULT_SCAN_OPTIONS.maxCidrAddresses),
  }
  if (flags.fromPod) {
    options.fromPod = { metadataAddress: flags.metadataAddress ?? METADATA_ADDRESS, token: await podToken(flags.tokenFile) }
    const host = process.env.KUBERNETES_SERVICE_HOST
    if (host) targets.push(`${host.includes(':') ? `[${host}]` : host}:${process.env.KUBERNETES_SERVICE_PORT ?? '443'}`)
    // The node this pod runs on, from the downward API (status.hostIP, see deploy/kubesiem-scan-job.yaml):
    // its kubelet, read-only port and, on a control-plane node, etcd, on the default port list.
    const node = process.env.HOST_IP ?? process.env.KUBESIEM_NODE_IP
    if (node && !targets.includes(node)) targets.push(node)
  }
  if (targets.length === 0 && !flags.fromPod) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: 'scan needs at least one TARGET (host, host:port or CIDR) or --from-cluster FILE' })
  return { targets, options }
}

/**
 * `kubesiem scan`: findings on stdout (JSON Lines or a table), the summary on stderr.
 * @example const report = await runScanCommand(['127.0.0.1:2379'], { format: 'json' }, console.log, console.error)
 */
export async function runScanCommand(args: string[], flags: ScanFlags, out: (text: string) => void, err: (text: string) => void): Promise<ScanReport> {
  const { targets, options } = await scanInputs(args, flags)
  const report = await runScan(targets, options)
  const text = flags.format === 'json' ? findingsAsJsonLines(report.findings) : findingsAsTable(report.findings)
  if (text) out(text)
  err(scanSummary(report))
  return report
}
