import type { Check } from '../../check.js'
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
