import type { Check } from '../../check.js'
import { clusterAdmin } from './cluster-admin.js'
import { csrApproval } from './csr-approval.js'
import { PERMISSION_RISK_CHECKS } from './permission-risks.js'
import { publicGroupBindings } from './public-group-bindings.js'
import { systemMasters } from './system-masters.js'
import { wildcards } from './wildcards.js'

/**
 * Every RBAC risk check.
 * @example
 * runPosture(objects, { checks: RBAC_CHECKS }) // RBAC findings only
 */
export const RBAC_CHECKS: Check<'Rbac'>[] = [clusterAdmin, wildcards, ...PERMISSION_RISK_CHECKS, csrApproval, publicGroupBindings, systemMasters]

export { isSystemDefault, isSystemPrincipal } from './defaults.js'
