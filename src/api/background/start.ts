import type { AlertBus } from '../../alerting/bus.js'
import type { Config } from '../../config/schema.js'
import type { Store } from '../../store/store.js'
import { startExposureJob } from './exposure-job.js'
import { startPostureJob } from './posture-job.js'

/**
 * The server's scheduled work, each job on only when configured: posture snapshots (files or a
 * live cluster) and exposure scans of the configured targets.
 * @example const jobs = startBackgroundJobs(config, store, bus, log); jobs.posture?.observe(events)
 */
export function startBackgroundJobs(config: Config, store: Store, bus: AlertBus, onError: (error: unknown) => void) {
  const { posture, exposure, cluster } = config
  return {
    posture: posture.snapshot || posture.kubeconfig ? startPostureJob({ store, ...posture, cluster, onError }) : undefined,
    exposure: exposure.targets.length > 0 ? startExposureJob({ store, bus, ...exposure, cluster, onError }) : undefined,
  }
}
