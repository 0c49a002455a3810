import { apiServerScanner } from './api-server/scan-api-server.js'
import { cadvisorScanner } from './cadvisor/scan-cadvisor.js'
import { controlPlaneScanner } from './control-plane/scan-control-plane.js'
import { dashboardScanner } from './dashboard/scan-dashboard.js'
import { etcdScanner } from './etcd/scan-etcd.js'
import { kubeletScanner } from './kubelet/scan-kubelet.js'
import { kubeletReadOnlyScanner } from './kubelet/scan-read-only.js'
import { kubectlProxyScanner } from './proxy/scan-kubectl-proxy.js'
import type { Scanner } from './scanner.js'

/**
 * Every surface scanner, run in this order on each open endpoint. etcd goes first: its `/version`
 * is the cheapest strong fingerprint, and the answers are cached for the scanners after it.
 * @example SCANNERS.map((s) => s.surface) // ['etcd', 'kubelet', ...]
 */
export const SCANNERS: Scanner[] = [etcdScanner, kubeletScanner, kubeletReadOnlyScanner, apiServerScanner, controlPlaneScanner, kubectlProxyScanner, dashboardScanner, cadvisorScanner]
