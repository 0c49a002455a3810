import type { AlertBus } from '../../alerting/bus.js'
import { newId, type Alert, type Finding } from '../../core/index.js'
import { runScheduledScan } from '../../exposure/schedule.js'
import type { ScanOptions } from '../../exposure/types.js'
import type { Store } from '../../store/store.js'

export interface ExposureJobOptions {
  store: Store
  bus: AlertBus
  targets: string[]
  intervalMinutes: number
  cluster: string
  /** Targets outside private and loopback ranges need this, as `scan --allow` does. */
  allowPublic?: boolean
  onError: (error: unknown) => void
  /** Scan settings (timeouts, rate, concurrency) beyond the defaults. */
  scan?: Partial<ScanOptions>
}

/** A newly exposed service becomes an alert: the analyst sees it beside detections. */
export function exposureAlert(finding: Finding, cluster: string): Alert {
  const time = finding.time ?? new Date().toISOString()
  return {
    id: newId(),
    rule: { id: 'builtin:newly-exposed-service', title: `Newly exposed: ${finding.checkId}`, source: 'builtin' },
    severity: finding.severity,
    // External Remote Services and Network Service Discovery: what an attacker does with it.
    mitre: ['T1133', 'T1046'],
    eventIds: [],
    entity: { cluster, resource: finding.target },
    firstSeen: time,
    lastSeen: time,
    count: 1,
    summary: `${finding.target}: ${finding.message}`,
    status: 'new',
  }
}

/**
 * Scan the configured targets on a schedule, store the findings, alert on what was not exposed
 * at the previous scan. The first scan runs at once.
 * @example const job = startExposureJob({ store, bus, targets: ['10.0.0.0/28'], intervalMinutes: 60, cluster, onError })
 */
export function startExposureJob(options: ExposureJobOptions): { stop(): void; done: Promise<void> } {
  let running: Promise<void> = Promise.resolve()
  const scan = async (): Promise<void> => {
    try {
      const { newlyExposed } = await runScheduledScan(options.store, options.targets, { ...options.scan, cluster: options.cluster, allowPublic: options.allowPublic ?? false })
      const alerts = newlyExposed.filter((f) => f.severity !== 'info').map((f) => exposureAlert(f, options.cluster))
      if (alerts.length > 0) await options.store.upsertAlerts(alerts)
      options.bus.publish(alerts)
    } catch (error) {
      options.onError(error)
    }
  }
  running = scan()
  const timer = setInterval(() => (running = running.then(scan)), options.intervalMinutes * 60_000)
  timer.unref()
  return {
    stop: () => clearInterval(timer),
    get done() {
      return running
    },
  }
}
