import type { Finding } from '../../core/index.js'
import { controls, exposureFinding, jsonOf, textOf } from '../finding.js'
import type { ProbeContext, Scanner, SurfaceResult } from '../scanner.js'
import { readRegistryKeys } from './kv-range.js'

const ETCD_PORTS = [2379, 2380, 2381]
const CLOSE_WITH_CERTS = 'Serve clients over TLS only (--cert-file, --key-file) and require client certificates (--client-cert-auth=true, --trusted-ca-file); firewall 2379-2380 to the control plane.'

function looksLikeEtcdTls(ctx: ProbeContext): boolean {
  const names = `${ctx.tls?.subject ?? ''} ${ctx.tls?.issuer ?? ''} ${(ctx.tls?.acceptableCAs ?? []).join(' ')}`
  return ETCD_PORTS.includes(ctx.endpoint.port) || /etcd/i.test(names)
}

async function metricsOnly(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  const metrics = await ctx.get('/metrics')
  if (metrics.status !== 200 || !/^etcd_server_has_leader/m.test(textOf(metrics))) return undefined
  const finding = exposureFinding(ctx, {
    checkId: 'exposure.etcd.metrics-open', severity: 'low', controls: [],
    message: `etcd metrics listener answers without credentials on ${ctx.endpoint.target}: it discloses the version, members and load`,
    remediation: 'Bind --listen-metrics-urls to 127.0.0.1 (kubeadm does), or firewall the port.',
  }, metrics)
  return { service: 'etcd metrics', findings: [finding] }
}

async function peerFindings(ctx: ProbeContext): Promise<Finding[]> {
  const members = await ctx.get('/members')
  const list = jsonOf(members)
  if (members.status !== 200 || !Array.isArray(list) || !list.some((m: { peerURLs?: unknown }) => Array.isArray(m?.peerURLs))) return []
  return [exposureFinding(ctx, {
    checkId: 'exposure.etcd.peer-api-open', severity: 'high', controls: controls({ cis: ['2.4', '2.5'] }),
    message: `etcd peer API answers without a client certificate on ${ctx.endpoint.target}: it lists ${list.length} member(s) and accepts raft traffic`,
    remediation: 'Serve peers over TLS (--peer-cert-file, --peer-key-file) with --peer-client-cert-auth=true, and firewall 2380 to the other members.',
  }, members, { members: list.map((m: { name?: string; peerURLs?: string[] }) => ({ name: m.name, peerURLs: m.peerURLs })) })]
}

/**
 * etcd: the client API (`/version`, v3 keys-only range over `/registry/`), the peer API
 * (`/members`) and the metrics listener; over TLS, whether a client certificate is required.
 * @example const result = await scanEtcd(ctx) // { service: 'etcd', findings: [...] }
 */
export async function scanEtcd(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  if (ctx.tls?.clientCertRequired) {
    if (!looksLikeEtcdTls(ctx)) return undefined
    return { service: 'etcd (client certificate required)', findings: [exposureFinding(ctx, {
      checkId: 'exposure.etcd.client-cert-required', severity: 'info', controls: controls({ cis: ['2.1', '2.2'] }),
      message: `etcd on ${ctx.endpoint.target} requires a client certificate signed by ${(ctx.tls.acceptableCAs ?? []).join('; ') || 'an unnamed CA'}; reachable, but closed without one`,
      remediation: 'Nothing to close; keep the port firewalled to the API servers and keep the CA key offline.',
    })] }
  }
  const version = await ctx.get('/version')
  const info = jsonOf(version)
  if (version.status !== 200 || typeof info?.etcdserver !== 'string') return metricsOnly(ctx)
  const findings: Finding[] = [exposureFinding(ctx, {
    checkId: 'exposure.etcd.version-disclosed', severity: 'low', controls: controls({ khv: ['KHV033'] }),
    message: `etcd ${info.etcdserver} answers /version without credentials on ${ctx.endpoint.target}`,
    remediation: CLOSE_WITH_CERTS,
  }, version, { version: info.etcdserver })]
  if (ctx.scheme === 'http') findings.push(exposureFinding(ctx, {
    checkId: 'exposure.etcd.plain-http', severity: 'high', controls: controls({ cis: ['2.1'], khv: ['KHV034'] }),
    message: `etcd serves plain HTTP on ${ctx.endpoint.target}: anything sent to it, passwords and Secrets included, crosses the network in clear`,
    remediation: CLOSE_WITH_CERTS,
  }, version))
  const range = await readRegistryKeys(ctx)
  if (range?.state === 'open') {
    const k8s = range.count > 0
    findings.push(exposureFinding(ctx, {
      checkId: 'exposure.etcd.unauthenticated-kv-read', severity: k8s ? 'critical' : 'high', controls: controls({ cis: ['2.2'], khv: ['KHV032'] }),
      message: k8s
        ? `etcd on ${ctx.endpoint.target} lets anyone read the cluster's database: ${range.count} key(s) under /registry/ readable without credentials, Secrets included`
        : `etcd on ${ctx.endpoint.target} answers key reads without credentials (no /registry/ keys: perhaps not a Kubernetes etcd)`,
      remediation: CLOSE_WITH_CERTS,
    }, range.answer, { keys: range.keys, keyCount: range.count }))
  } else if (range?.state === 'password') {
    findings.push(exposureFinding(ctx, {
      checkId: 'exposure.etcd.password-auth', severity: ctx.scheme === 'http' ? 'high' : 'medium', controls: controls({ cis: ['2.2'] }),
      message: `etcd on ${ctx.endpoint.target} uses password auth without client certificates${ctx.scheme === 'http' ? ', over plain HTTP' : ''}: keys are closed, but passwords can be guessed or sniffed and /version stays open`,
      remediation: CLOSE_WITH_CERTS,
    }, range.answer))
  }
  findings.push(...(await peerFindings(ctx)))
  return { service: range?.state === 'password' ? 'etcd (password auth)' : 'etcd', findings }
}

/** The etcd scanner. */
export const etcdScanner: Scanner = { surface: 'etcd', ports: ETCD_PORTS, scan: scanEtcd }
