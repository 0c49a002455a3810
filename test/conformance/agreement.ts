import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { loadCisBenchmark } from '../../src/content/load-cis.js'
import { loadK8sReleases } from '../../src/content/load-releases.js'
import { CLUSTER_HARDENING_CHECKS, HARDENING_CHECKS } from '../../src/posture/checks/hardening/index.js'
import { parseManifests } from '../../src/posture/input/parse-manifests.js'
import { BUILTIN_CHECKS, runPosture } from '../../src/posture/runner.js'
import type { SourcedObject } from '../../src/posture/types.js'

export const SHARED = path.resolve(process.cwd(), '../shared/conformance')
const ALL_CHECKS = [...BUILTIN_CHECKS, ...HARDENING_CHECKS, ...CLUSTER_HARDENING_CHECKS]
const cis = loadCisBenchmark()
const releases = loadK8sReleases()

/** One fixture case: was a finding expected, did ours fire. */
export interface CaseOutcome {
  name: string
  expected: boolean
  ours: boolean
}

/** Agreement of one mapping: the upstream check, our checks, and each case. */
export interface Agreement {
  upstream: string
  ours: string[]
  cases: CaseOutcome[]
}

/** Whether any of our checks fires on the files of a fixture. */
export function oursFire(files: string[], checkIds: string[]): boolean {
  const objects: SourcedObject[] = []
  for (const file of files) objects.push(...parseManifests(readFileSync(file, 'utf8'), file).objects)
  const checks = ALL_CHECKS.filter((c) => checkIds.includes(c.id))
  const usesCis = checkIds.some((id) => id.startsWith('cis.'))
  const findings = runPosture(objects, { checks, cis: usesCis ? cis : undefined, releases }).findings
  return findings.some((f) => checkIds.includes(f.checkId))
}

/** `agree/total` and the cases that disagree, as the docs table shows them. */
export function formatAgreement(a: Agreement): string {
  const agree = a.cases.filter((c) => c.expected === c.ours).length
  const misses = a.cases.filter((c) => c.expected !== c.ours).map((c) => `${c.name} (${c.expected ? 'missed' : 'extra'})`)
  return `| ${a.upstream} | ${a.ours.join(', ')} | ${agree}/${a.cases.length} | ${misses.join(', ') || '-'} |`
}

/**
 * Kubescape regolibrary rules we share a check with. Rules whose fixtures are host-sensor objects
 * (kubelet, node files, cloud provider info, the audit policy file inside ControlPlaneInfo) are not
 * comparable and not listed; nor is set-seLinuxOptions, which asks for SELinux options to be set
 * where PSS forbids custom ones.
 */
export const KUBESCAPE_MAP: Record<string, string[]> = {
  'cluster-admin-role': ['rbac.risk.cluster-admin'],
  'rule-list-all-cluster-admins-v1': ['rbac.risk.cluster-admin'],
  'rule-can-list-get-secrets-v1': ['rbac.risk.secrets-read'],
  'rule-can-create-pod': ['rbac.risk.create-workloads'],
  'rule-can-create-pv': ['rbac.risk.create-persistent-volumes'],
  'rule-can-create-service-account-token': ['rbac.risk.serviceaccount-token'],
  'rule-can-impersonate-users-groups-v1': ['rbac.risk.impersonate'],
  'rule-can-bind-escalate': ['rbac.risk.bind', 'rbac.risk.escalate'],
  'rule-can-approve-cert-signing-request': ['rbac.risk.csr-approval'],
  'rule-can-access-proxy-subresource': ['rbac.risk.nodes-proxy'],
  'rule-can-modify-admission-webhooks': ['rbac.risk.admission-webhooks'],
  // A full wildcard grant is reported once, as cluster-admin, rather than as every risk it implies.
  'exec-into-container-v1': ['rbac.risk.pods-exec', 'rbac.risk.cluster-admin'],
  'system-authenticated-allowed-to-take-over-cluster': ['rbac.risk.public-group-bindings'],
  'automount-default-service-account': ['hardening.serviceaccount.default-automount'],
  'automount-service-account': ['hardening.pod.automount-token'],
  'host-ipc-privileges': ['pss.baseline.hostNamespaces'],
  'host-pid-privileges': ['pss.baseline.hostNamespaces'],
  'host-pid-ipc-privileges': ['pss.baseline.hostNamespaces'],
  'host-network-access': ['pss.baseline.hostNamespaces'],
  'container-hostPort': ['pss.baseline.hostPorts'],
  'alert-any-hostpath': ['pss.baseline.hostPathVolumes'],
  'rule-allow-privilege-escalation': ['pss.restricted.allowPrivilegeEscalation'],
  'immutable-container-filesystem': ['hardening.container.read-only-root-filesystem'],
  'non-root-containers': ['pss.restricted.runAsNonRoot'],
  'set-hostprocess-true': ['pss.baseline.windowsHostProcess'],
  'set-procmount-default': ['pss.baseline.procMount'],
  'set-sysctls-params': ['pss.baseline.sysctls'],
  'insecure-capabilities': ['pss.baseline.capabilities_baseline'],
  'drop-capability-netraw': ['pss.restricted.capabilities_restricted'],
  'rule-credentials-in-env-var': ['hardening.container.sensitive-env-vars'],
  'ingress-no-tls': ['hardening.ingress.tls'],
  'etcd-encryption-native': ['hardening.cluster.secrets-encryption'],
  'k8s-audit-logs-enabled-native': ['hardening.cluster.audit-logging'],
  'ingress-and-egress-blocked': ['hardening.pod.network-isolation'],
  'internal-networking': ['hardening.namespace.network-policy'],
  'pod-security-admission-applied-1': ['pss.admission.namespace-enforce-label'],
  'resources-memory-limits': ['hardening.container.memory-limits'],
  'resources-cpu-limits': ['hardening.container.cpu-limits'],
  'resources-memory-requests': ['hardening.container.memory-requests'],
  'resources-cpu-requests': ['hardening.container.cpu-requests'],
}

/** Add the control-plane flag rules through Kubescape's own CIS crosswalk: rule -> cis.<id>. */
export function kubescapeMapWithCis(): Record<string, string[]> {
  const map: Record<string, string[]> = { ...KUBESCAPE_MAP }
  const crosswalk = JSON.parse(readFileSync(path.join(SHARED, 'kubescape-regolibrary/cis-v1.12.0-crosswalk.json'), 'utf8')) as Array<{ cis: string; ruleDirsCopied?: string[] }>
  const podComponents = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'])
  for (const row of crosswalk) {
    const def = cis.checks.find((c) => c.id === row.cis)
    if (!def || !podComponents.has(def.component) || !def.decidable) continue
    for (const rule of row.ruleDirsCopied ?? []) map[rule] = [...new Set([...(map[rule] ?? []), `cis.${row.cis}`])]
  }
  return map
}

/** Run every mapped Kubescape rule's test cases. */
export function kubescapeAgreement(): Agreement[] {
  const root = path.join(SHARED, 'kubescape-regolibrary/rules')
  return Object.entries(kubescapeMapWithCis()).sort(([a], [b]) => a.localeCompare(b)).map(([rule, ours]) => {
    const dir = path.join(root, rule, 'test')
    const cases = existsSync(dir) ? readdirSync(dir).filter((name) => existsSync(path.join(dir, name, 'input')) && existsSync(path.join(dir, name, 'expected.json'))).sort() : []
    return {
      upstream: rule,
      ours,
      cases: cases.map((name) => {
        const inputDir = path.join(dir, name, 'input')
        const files = readdirSync(inputDir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(inputDir, f))
        const expected = (JSON.parse(readFileSync(path.join(dir, name, 'expected.json'), 'utf8')) as unknown[]).length > 0
        return { name, expected, ours: oursFire(files, ours) }
      }),
    }
  })
}

/** Polaris checks we share, through each hardening check's polaris control plus PSS equivalents. */
export const POLARIS_MAP: Record<string, string[]> = {
  hostIPCSet: ['pss.baseline.hostNamespaces'],
  hostPIDSet: ['pss.baseline.hostNamespaces'],
  hostNetworkSet: ['pss.baseline.hostNamespaces'],
  hostPortSet: ['pss.baseline.hostPorts'],
  privilegeEscalationAllowed: ['pss.restricted.allowPrivilegeEscalation'],
  runAsPrivileged: ['pss.baseline.privileged'],
  runAsRootAllowed: ['pss.restricted.runAsNonRoot'],
  insecureCapabilities: ['pss.baseline.capabilities_baseline'],
  dangerousCapabilities: ['pss.baseline.capabilities_baseline'],
  hostPathSet: ['pss.baseline.hostPathVolumes'],
  procMount: ['pss.baseline.procMount'],
  automountServiceAccountToken: ['hardening.pod.automount-token'],
  clusterrolePodExecAttach: ['rbac.risk.pods-exec', 'rbac.risk.pods-attach'],
  rolePodExecAttach: ['rbac.risk.pods-exec', 'rbac.risk.pods-attach'],
  clusterrolebindingClusterAdmin: ['rbac.risk.cluster-admin'],
  rolebindingClusterAdminClusterRole: ['rbac.risk.cluster-admin'],
  sensitiveContainerEnvVar: ['hardening.container.sensitive-env-vars'],
}

/** Run every mapped Polaris check's success and failure fixtures. */
export function polarisAgreement(): Agreement[] {
  const root = path.join(SHARED, 'polaris/checks-tests')
  const map: Record<string, string[]> = { ...POLARIS_MAP }
  for (const check of HARDENING_CHECKS) for (const c of check.controls) if (c.framework === 'polaris') map[c.control] = [...new Set([...(map[c.control] ?? []), check.id])]
  return Object.entries(map).filter(([id]) => existsSync(path.join(root, id))).sort(([a], [b]) => a.localeCompare(b)).map(([id, ours]) => ({
    upstream: id,
    ours,
    cases: readdirSync(path.join(root, id)).filter((f) => /^(failure|success).*\.ya?ml$/.test(f)).sort().map((file) => ({ name: file, expected: file.startsWith('failure'), ours: oursFire([path.join(root, id, file)], ours) })),
  }))
}
