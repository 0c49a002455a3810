import { defineCheck, fail, pass } from '../../check.js'
import { matchesSelector } from '../../rbac/selector.js'
import { isRecord } from '../../types.js'
import { isolatedDirections } from './network-isolation.js'

const METADATA_IP = '169.254.169.254'

const ipToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)

/**
 * Whether an IPv4 CIDR contains an address.
 * @example
 * cidrContains('169.254.0.0/16', '169.254.169.254') // true
 */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits = '32'] = cidr.split('/')
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(base)) return false
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0
  return ((ipToInt(base) & mask) >>> 0) === ((ipToInt(ip) & mask) >>> 0)
}

// An egress rule reaches the metadata service on port 80 when its peers and ports allow it.
function ruleAllowsMetadata(rule: Record<string, unknown>): boolean {
  const peers = Array.isArray(rule.to) ? rule.to.filter(isRecord) : []
  const peerOk = peers.length === 0 || peers.some((p) => isRecord(p.ipBlock) && cidrContains(String(p.ipBlock.cidr), METADATA_IP) && !(Array.isArray(p.ipBlock.except) && p.ipBlock.except.some((e) => cidrContains(String(e), METADATA_IP))))
  const ports = Array.isArray(rule.ports) ? rule.ports.filter(isRecord) : []
  const portOk = ports.length === 0 || ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === 80 || (typeof p.port === 'number' && typeof p.endPort === 'number' && p.port <= 80 && p.endPort >= 80)))
  return peerOk && portOk
}

/**
 * Pods that can reach the cloud metadata service (169.254.169.254), where node credentials live on
 * most clouds: hostNetwork pods always; other pods unless a NetworkPolicy selecting them isolates
 * egress and none of the selecting policies allows that address. Judged only when the input holds
 * the namespace or its policies.
 * @example
 * cloudMetadataAccess.evaluate(pod, ctx)[0]?.message // 'pod can reach the cloud metadata service at 169.254.169.254: no NetworkPolicy isolates its egress'
 */
export const cloudMetadataAccess = defineCheck({
  id: 'hardening.pod.cloud-metadata',
  title: 'Pods cannot reach the cloud metadata service',
  controls: [{ framework: 'kubesiem', control: 'cloud-metadata-access' }],
  severity: 'medium',
  target: 'PodSpec',
  remediation: 'Block 169.254.169.254/32 in an egress NetworkPolicy (ipBlock with except), or enforce IMDSv2 with a hop limit of 1 / GKE metadata concealment; avoid hostNetwork.',
  evaluate({ spec, owner, metadata }, ctx) {
    if (spec.hostNetwork === true) return fail(`pod uses hostNetwork and can reach the cloud metadata service at ${METADATA_IP} with the node's identity`, { paths: ['/spec/hostNetwork'] })
    if (!ctx.inventory) return pass()
    const namespace = owner.object.metadata?.namespace ?? 'default'
    const policies = ctx.inventory.byKind('NetworkPolicy', namespace).filter((p) => /^networking\.k8s\.io\//.test(p.object.apiVersion ?? ''))
    if (policies.length === 0 && !ctx.inventory.byKind('Namespace').some((n) => n.object.metadata?.name === namespace)) return pass()
    const labels = (isRecord(metadata.labels) ? metadata.labels : {}) as Record<string, string>
    const selecting = policies.map((p) => (isRecord(p.object.spec) ? p.object.spec : {})).filter((s) => matchesSelector(isRecord(s.podSelector) ? s.podSelector : {}, labels) && isolatedDirections(s).includes('Egress'))
    if (selecting.length === 0) return fail(`pod can reach the cloud metadata service at ${METADATA_IP}: no NetworkPolicy isolates its egress`)
    const allowing = selecting.filter((s) => (Array.isArray(s.egress) ? s.egress.filter(isRecord) : []).some(ruleAllowsMetadata))
    return allowing.length === 0 ? pass() : fail(`pod can reach the cloud metadata service at ${METADATA_IP}: an egress rule allows it`, { evidence: { rules: allowing.length } })
  },
})
