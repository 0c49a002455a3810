import { defineCheck, fail, pass } from '../../check.js'
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

// The alpha-features checks grew their own file (feature-gate stages); re-exported for existing imports.
export { alphaFeatures, kubeletAlphaFeatures } from './alpha-features.js'
