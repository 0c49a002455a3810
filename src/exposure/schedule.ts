import type { Finding } from '../core/index.js'
import type { Store } from '../store/store.js'
import { runScan } from './run-scan.js'
import type { ScanOptions, ScanReport } from './types.js'

// The store keeps the last scan's exposure keys as a cursor, so "newly exposed" survives restarts.
const LAST_SCAN_CURSOR = 'exposure:last-scan'

const keyOf = (f: Finding): string => `${f.checkId}|${f.target}`

/** Options of a scheduled scan: the scan's own, plus the cluster the findings belong to. */
export interface ScheduledScanOptions extends Partial<ScanOptions> {
  cluster?: string
  now?: () => Date
}

/**
 * One scheduled scan for the server: scan, store every finding (stamped with time and cluster),
 * and return the findings that were not there at the previous scan, which the caller alerts on.
 * @example
 * const { newlyExposed } = await runScheduledScan(store, ['10.0.0.0/28'], { cluster: 'prod' })
 * for (const finding of newlyExposed) raiseAlert(finding)
 */
export async function runScheduledScan(store: Store, targets: string[], options: ScheduledScanOptions = {}): Promise<{ report: ScanReport; newlyExposed: Finding[] }> {
  const { cluster, now = () => new Date(), ...scanOptions } = options
  const report = await runScan(targets, scanOptions)
  const time = now().toISOString()
  const findings = report.findings.map((f) => ({ ...f, time, ...(cluster ? { cluster } : {}) }))
  if (findings.length) await store.appendFindings(findings)
  const previous = new Set<string>(JSON.parse((await store.getCursor(LAST_SCAN_CURSOR)) ?? '[]') as string[])
  await store.setCursor(LAST_SCAN_CURSOR, JSON.stringify([...new Set(findings.map(keyOf))]))
  return { report: { ...report, findings }, newlyExposed: findings.filter((f) => !previous.has(keyOf(f))) }
}
