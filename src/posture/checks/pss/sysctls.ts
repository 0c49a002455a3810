import { isRecord } from '../../types.js'
import { definePssCheck, type PssDenial } from './define-pss-check.js'
import { get } from './helpers.js'

// Safe (namespaced, isolated) sysctls by the policy version that first allowed them.
const SAFE_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports']
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']
// v1.37 additions as seen in the upstream v1.37 pass fixture (sysctls1.yaml).
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']

function sysctlDenial(spec: Record<string, unknown>, allowed: ReadonlySet<string>): PssDenial | null {
  const list = get(spec, 'securityContext', 'sysctls')
  if (!Array.isArray(list)) return null
  const names: string[] = []
  const paths: string[] = []
  list.forEach((sysctl, i) => {
    const name = isRecord(sysctl) ? String(sysctl.name ?? '') : ''
    if (!allowed.has(name)) {
      names.push(name)
      paths.push(`/spec/securityContext/sysctls/${i}/name`)
    }
  })
  return names.length === 0 ? null : { detail: names.join(', '), paths }
}

const versioned = (since: string, safe: string[]) => {
  const allowed = new Set(safe)
  return { since, evaluate: ({ spec }: { spec: Record<string, unknown> }) => sysctlDenial(spec, allowed) }
}

/**
 * Baseline: only the safe, namespaced sysctls.
 * @example
 * sysctls.evaluate(pod, ctx)[0]?.message // 'forbidden sysctls (kernel.msgmax)'
 */
export const sysctls = definePssCheck({
  id: 'sysctls',
  level: 'baseline',
  title: 'Only safe sysctls may be set',
  severity: 'medium',
  reason: 'forbidden sysctls',
  remediation: 'Remove sysctls outside the safe set from spec.securityContext.sysctls.',
  versions: [versioned('1.0', SAFE_1_0), versioned('1.27', SAFE_1_27), versioned('1.29', SAFE_1_29), versioned('1.32', SAFE_1_32), versioned('1.37', SAFE_1_37)],
})
