import type { Check } from '../../check.js'
import { auditPolicyQuality } from './audit-policy.js'
import { certificateExpiry } from './certificate-checks.js'
import { cloudMetadataAccess } from './cloud-metadata.js'
import { alphaFeatures, kubeletAlphaFeatures } from './alpha-features.js'
import { auditLogging, encryptionProviders, secretsEncryption } from './control-plane-checks.js'
import { exposedControlPorts, ingressTls } from './exposure-checks.js'
import { limitRange, networkPolicyCoverage, resourceQuota } from './namespace-checks.js'
import { automountToken, defaultServiceAccountAutomount, defaultServiceAccountUse } from './service-account-checks.js'
import { admissionWebhooks, aggregatedApis, webhookKubeSystemExempt } from './third-party-checks.js'
import { endOfSupport, knownCves, patchLevel } from './version-checks.js'
import { imageTag, PROBE_CHECKS, pullPolicyAlways, RESOURCE_CHECKS, sensitiveEnvVars } from './container-checks.js'
import { networkIsolation } from './network-isolation.js'
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js'
import { deploymentReplicas, priorityClass } from './workload-checks.js'

/**
 * Workload hardening checks beyond the Pod Security Standards, most following a Polaris check (whose
 * fixtures are their conformance cases), plus NetworkPolicy isolation (CIS 5.3.2). Not in
 * BUILTIN_CHECKS yet: opt in with `checks`.
 * @example
 * runPosture(objects, { checks: [...BUILTIN_CHECKS, ...HARDENING_CHECKS] })
 */
export const HARDENING_CHECKS: Check[] = [readOnlyRootFilesystem, imageTag, pullPolicyAlways, sensitiveEnvVars, ...RESOURCE_CHECKS, ...PROBE_CHECKS, deploymentReplicas, priorityClass, networkIsolation] as Check[]

/**
 * The cluster hardening list beyond CIS: network policy coverage, quotas, cloud metadata, secrets
 * encryption, audit logging and policy, alpha features, certificates, webhooks and aggregated APIs,
 * service accounts, exposed control ports, Ingress TLS and the Kubernetes version. On by default in
 * `kubesiem posture`.
 * @example
 * runPosture(objects, { checks: [...BUILTIN_CHECKS, ...CLUSTER_HARDENING_CHECKS], releases })
 */
export const CLUSTER_HARDENING_CHECKS: Check[] = [
  networkPolicyCoverage, resourceQuota, limitRange, cloudMetadataAccess, secretsEncryption, encryptionProviders, auditLogging, auditPolicyQuality,
  alphaFeatures, kubeletAlphaFeatures, certificateExpiry, admissionWebhooks, webhookKubeSystemExempt, aggregatedApis,
  defaultServiceAccountAutomount, defaultServiceAccountUse, automountToken, exposedControlPorts, ingressTls, endOfSupport, patchLevel, knownCves,
] as Check[]
