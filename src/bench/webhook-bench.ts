import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { startServer } from '../api/server.js'
import { parseConfig } from '../config/parse.js'
import { percentile } from './measure.js'
import type { WebhookClientSetup } from './webhook-client.js'

// Posts before the measured ones: the first few pay for compiling the server's code (JIT).
const WARMUP_POSTS = 10

/**
 * Post `requests` EventLists of `batch` events each to a real server over loopback, one at a
 * time as kube-apiserver's batch backend does, from a client in another thread, and report
 * acknowledgement latency after WARMUP_POSTS unmeasured posts. With `intervalMs`, posts start at
 * most that often (kube-apiserver's default batch throttle is 10 per second,
 * `--audit-webhook-batch-throttle-qps`); without, each starts as the last is answered. Closing
 * the server after the last answer stores what is spooled.
 * @example await webhookLatency('.bench/webhook', 200, 1000, 100)
 */
export async function webhookLatency(dataDir: string, requests: number, batch: number, intervalMs = 0): Promise<{ p50: number; p99: number; max: number }> {
  const server = await startServer({ config: parseConfig({ dataDir, port: 0 }), logLevel: 'silent', print: () => undefined })
  let latencies: number[]
  try {
    const setup: WebhookClientSetup = { url: server.url, token: server.adminToken!, requests, warmup: WARMUP_POSTS, batch, intervalMs }
    const client = new Worker(new URL('./webhook-client.js', import.meta.url), { workerData: setup })
    latencies = (await once(client, 'message'))[0] as number[]
    await client.terminate()
  } finally {
    await server.close()
  }
  const round = (n: number): number => Math.round(n * 10) / 10
  return { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) }
}
