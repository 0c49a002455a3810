import type { Check } from '../../check.js'
import { allowPrivilegeEscalation } from './allow-privilege-escalation.js'
import { appArmorProfile } from './app-armor-profile.js'
import { capabilitiesBaseline } from './capabilities-baseline.js'
import { capabilitiesRestricted } from './capabilities-restricted.js'
import { hostNamespaces } from './host-namespaces.js'
import { hostPathVolumes } from './host-path-volumes.js'
import { hostPorts } from './host-ports.js'
import { hostProbesAndHostLifecycle } from './host-probes-and-host-lifecycle.js'
import { namespaceEnforceLabel } from './namespace-enforce-label.js'
import { privileged } from './privileged.js'
import { procMount } from './proc-mount.js'
import { procMountRestricted } from './proc-mount-restricted.js'
import { restrictedVolumes } from './restricted-volumes.js'
import { runAsNonRoot } from './run-as-non-root.js'
import { runAsUser } from './run-as-user.js'
import { seLinuxOptions } from './se-linux-options.js'
import { seccompProfileBaseline } from './seccomp-profile-baseline.js'
import { seccompProfileRestricted } from './seccomp-profile-restricted.js'
import { sysctls } from './sysctls.js'
import { windowsHostProcess } from './windows-host-process.js'

/**
 * The 19 upstream Pod Security Standards checks, baseline first, in upstream order.
 * @example
 * runPosture(objects, { checks: PSS_CHECKS, levels: ['restricted'] })
 */
export const PSS_CHECKS: Check<'PodSpec'>[] = [
  privileged, hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle, capabilitiesBaseline,
  procMount, seccompProfileBaseline, seLinuxOptions, sysctls, appArmorProfile, windowsHostProcess,
  runAsNonRoot, runAsUser, allowPrivilegeEscalation, capabilitiesRestricted, restrictedVolumes,
  seccompProfileRestricted, procMountRestricted,
]

export { namespaceEnforceLabel }
export { LATEST_PSS_VERSION, parsePssVersion } from './version.js'
