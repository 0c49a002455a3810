import { setTimeout } from 'node:timers/promises'
import { startServer } from '../api/server.js'
import { parseConfig } from '../config/parse.js'
import { generateDemoEvents } from '../demo/generate.js'
import { percentile } from './measure.js'

/**
 * Post `requests` EventLists of `batch` events each to a real server over loopback, one at a
 * time as kube-apiserver's batch backend does, and report acknowledgement latency. With
 * `intervalMs`, posts start at most that often (kube-apiserver's default batch throttle is 10 per
 * second, `--audit-webhook-batch-throttle-qps`); without, each starts as the last is answered.
 * @example await webhookLatency('.bench/webhook', 200, 1000, 100)
 */
export async function webhookLatency(dataDir: string, requests: number, batch: number, intervalMs = 0): Promise<{ p50: number; p99: number; max: number }> {
  const server = await startServer({ config: parseConfig({ dataDir, port: 0 }), logLevel: 'silent', print: () => undefined })
  const events = generateDemoEvents({ events: requests * batch, seed: 7 })
  const latencies: number[] = []
  try {
    for (let i = 0; i < requests; i++) {
      const body = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events.slice(i * batch, (i + 1) * batch) })
      const start = performance.now()
      const res = await fetch(`${server.url}/ingest/k8s-audit/bench`, { method: 'POST', body, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' } })
      await res.arrayBuffer()
      latencies.push(performance.now() - start)
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`)
      if (intervalMs > 0) await setTimeout(Math.max(0, start + intervalMs - performance.now()))
    }
  } finally {
    await server.close()
  }
  const round = (n: number): number => Math.round(n * 10) / 10
  return { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) }
}
