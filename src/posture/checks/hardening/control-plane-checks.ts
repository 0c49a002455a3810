import { defineCheck, fail, pass, type CheckResult } from '../../check.js'
import { isRecord } from '../../types.js'
import { componentFlags } from './component-flags.js'

const apiServer = (spec: Record<string, unknown>) => componentFlags(spec).find((c) => c.component === 'kube-apiserver')

/**
 * Secrets are encrypted at rest: the API server has --encryption-provider-config, and in the
 * EncryptionConfiguration the entry covering secrets does not put `identity` (plain text) first.
 * @example
 * secretsEncryption.evaluate(apiServerPod, ctx)[0]?.message // 'kube-apiserver has no --encryption-provider-config: Secrets are stored in etcd in plain text'
 */
export const secretsEncryption = defineCheck({
  id: 'hardening.cluster.secrets-encryption',
  title: 'Secrets are encrypted at rest',
  controls: [{ framework: 'kubesiem', control: 'secrets-encryption' }, { framework: 'cis', level: 'cis-1.12', control: '1.2.27' }, { framework: 'cis', level: 'cis-1.12', control: '1.2.28' }],
  severity: 'high',
  target: 'PodSpec',
  remediation: 'Write an EncryptionConfiguration with aescbc, secretbox or kms first for secrets, pass it with --encryption-provider-config, then rewrite existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -).',
  evaluate({ spec }) {
    const api = apiServer(spec)
    if (!api || api.flags.has('--encryption-provider-config')) return pass()
    return fail('kube-apiserver has no --encryption-provider-config: Secrets are stored in etcd in plain text', { paths: [`/spec/containers/${api.index}/command`] })
  },
})

/**
 * An EncryptionConfiguration that leaves Secrets readable: secrets not listed, or `identity` first.
 * @example
 * encryptionProviders.evaluate(config, ctx)[0]?.message // 'EncryptionConfiguration writes secrets with identity (no encryption)'
 */
export const encryptionProviders = defineCheck({
  id: 'hardening.cluster.encryption-providers',
  title: 'The encryption configuration encrypts Secrets',
  controls: [{ framework: 'kubesiem', control: 'secrets-encryption' }, { framework: 'cis', level: 'cis-1.12', control: '1.2.28' }],
  severity: 'high',
  target: 'Object',
  remediation: 'List secrets under resources and put aescbc, secretbox or kms first in its providers; keep identity last, only to read data written before.',
  evaluate({ object }) {
    if (object.kind !== 'EncryptionConfiguration') return pass()
    const entries = (Array.isArray(object.resources) ? object.resources : []).filter(isRecord)
    const index = entries.findIndex((r) => Array.isArray(r.resources) && r.resources.some((x) => x === 'secrets' || x === '*.' || x === '*.*'))
    if (index < 0) return fail('EncryptionConfiguration does not cover secrets', { paths: ['/resources'] })
    const first = (Array.isArray(entries[index].providers) ? entries[index].providers : []).find(isRecord)
    const name = first ? Object.keys(first)[0] : undefined
    return name === 'identity' || !name ? fail(`EncryptionConfiguration writes secrets with ${name ?? 'no provider'} (no encryption)`, { paths: [`/resources/${index}/providers/0`] }) : pass()
  },
})

/**
 * The API server keeps an audit trail: a policy (--audit-policy-file) and a backend (a log file or webhook).
 * @example
 * auditLogging.evaluate(apiServerPod, ctx)[0]?.message // 'kube-apiserver does not audit: no --audit-policy-file'
 */
export const auditLogging = defineCheck({
  id: 'hardening.cluster.audit-logging',
  title: 'API server audit logging is on',
  controls: [{ framework: 'kubesiem', control: 'audit-logging' }, { framework: 'cis', level: 'cis-1.12', control: '3.2.1' }],
  severity: 'high',
  target: 'PodSpec',
  remediation: 'Pass --audit-policy-file and --audit-log-path (or --audit-webhook-config-file pointing at kubesiem) to kube-apiserver; deploy/audit-policy.yaml is a starting policy.',
  evaluate({ spec }) {
    const api = apiServer(spec)
    if (!api) return pass()
    const missing = [!api.flags.has('--audit-policy-file') && 'no --audit-policy-file', !api.flags.has('--audit-log-path') && !api.flags.has('--audit-webhook-config-file') && 'no --audit-log-path or --audit-webhook-config-file'].filter(Boolean)
    return missing.length === 0 ? pass() : fail(`kube-apiserver does not audit: ${missing.join(', ')}`, { paths: [`/spec/containers/${api.index}/command`] })
  },
})

const ALPHA_API = /(^|,)(api\/alpha|api\/all|[\w.-]+\/v\d+alpha\d+)=true(,|$)/

function gateProblems(gates: string | undefined, runtimeConfig: string | undefined): string[] {
  const problems: string[] = []
  for (const gate of ['AllAlpha', 'AllBeta']) if (new RegExp(`(^|,)${gate}=true(,|$)`, 'i').test(gates ?? '')) problems.push(`--feature-gates ${gate}=true`)
  if (runtimeConfig && ALPHA_API.test(runtimeConfig)) problems.push(`--runtime-config ${runtimeConfig} enables alpha APIs`)
  return problems
}

/**
 * Alpha and beta features are not switched on wholesale: --feature-gates AllAlpha/AllBeta, or
 * --runtime-config enabling alpha API versions, on any control-plane component or the kubelet.
 * @example
 * alphaFeatures.evaluate(apiServerPod, ctx)[0]?.message // 'kube-apiserver: --feature-gates AllAlpha=true'
 */
export const alphaFeatures = defineCheck({
  id: 'hardening.cluster.alpha-features',
  title: 'Alpha and beta features are not enabled wholesale',
  controls: [{ framework: 'kubesiem', control: 'alpha-beta-features' }],
  severity: 'medium',
  target: 'PodSpec',
  remediation: 'Enable only the individual feature gates and API versions you need; alpha features are untested for security and may change without notice.',
  evaluate({ spec }) {
    const results: CheckResult[] = componentFlags(spec).map((c) => {
      const problems = gateProblems(c.flags.get('--feature-gates'), c.flags.get('--runtime-config'))
      return problems.length === 0 ? pass() : fail(`${c.component}: ${problems.join('; ')}`, { paths: [`/spec/containers/${c.index}/command`] })
    })
    return results.flat()
  },
})

/**
 * The same for a KubeletConfiguration's featureGates map.
 * @example
 * kubeletAlphaFeatures.evaluate(kubeletConfig, ctx)[0]?.message // 'kubelet featureGates: AllAlpha=true'
 */
export const kubeletAlphaFeatures = defineCheck({
  ...alphaFeatures,
  id: 'hardening.kubelet.alpha-features',
  target: 'Object',
  evaluate({ object }) {
    if (object.kind !== 'KubeletConfiguration' || !isRecord(object.featureGates)) return pass()
    const gates = object.featureGates
    const on = ['AllAlpha', 'AllBeta'].filter((g) => gates[g] === true)
    return on.length === 0 ? pass() : fail(`kubelet featureGates: ${on.map((g) => `${g}=true`).join(', ')}`, { paths: on.map((g) => `/featureGates/${g}`) })
  },
})
