import type { Check } from '../../check.js'
import { imageTag, PROBE_CHECKS, pullPolicyAlways, RESOURCE_CHECKS, sensitiveEnvVars } from './container-checks.js'
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js'
import { deploymentReplicas, priorityClass } from './workload-checks.js'

/**
 * Workload hardening checks beyond the Pod Security Standards, following Polaris checks of the same
 * name (their fixtures are the conformance cases). Not in BUILTIN_CHECKS yet: opt in with `checks`.
 * @example
 * runPosture(objects, { checks: [...BUILTIN_CHECKS, ...HARDENING_CHECKS] })
 */
export const HARDENING_CHECKS: Check[] = [readOnlyRootFilesystem, imageTag, pullPolicyAlways, sensitiveEnvVars, ...RESOURCE_CHECKS, ...PROBE_CHECKS, deploymentReplicas, priorityClass] as Check[]
