import { runScan } from '../exposure/index.js'

// Twelve of the default ports; on 127.1.0.0/24 nearly all are closed, so this measures the
// scheduler, the rate limiter and connect handling rather than any one probe.
const BENCH_PORTS = [443, 2379, 2380, 2381, 4194, 6443, 8001, 8080, 10250, 10255, 10257, 10259]

/**
 * Scan 256 loopback addresses (127.1.0.0/24) x 12 ports with the default limits (rate included).
 * Aim: <= 20 s.
 * @example const { seconds } = await scanBench()
 */
export async function scanBench(): Promise<{ seconds: number; targets: number; ports: number }> {
  const started = performance.now()
  const report = await runScan(['127.1.0.0/24'], { ports: BENCH_PORTS })
  const seconds = (performance.now() - started) / 1000
  return { seconds, targets: report.endpoints.length / BENCH_PORTS.length, ports: BENCH_PORTS.length }
}
