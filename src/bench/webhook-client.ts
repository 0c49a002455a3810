import { parentPort, workerData } from 'node:worker_threads'
import { setTimeout } from 'node:timers/promises'
import { generateDemoEvents } from '../demo/generate.js'

/** What the webhook bench's client thread is told. */
export interface WebhookClientSetup {
  url: string
  token: string
  requests: number
  /** Posts made first and not measured: the server's code is compiled on first use. */
  warmup: number
  batch: number
  intervalMs: number
}

// The bench's client, in its own thread as kube-apiserver is its own process: its event
// generation, serialization and HTTP work must not run on the server's event loop.
const setup = workerData as WebhookClientSetup
const total = setup.warmup + setup.requests
// Every body is built before the first post, and the events dropped: a collection of this
// thread's own garbage during a post would count as the server's latency.
const bodies = ((events) => Array.from({ length: total }, (_, i) => JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events.slice(i * setup.batch, (i + 1) * setup.batch) })))(
  generateDemoEvents({ events: total * setup.batch, seed: 7 }),
)
const latencies: number[] = []
for (let i = 0; i < total; i++) {
  const body = bodies[i]!
  const start = performance.now()
  const res = await fetch(`${setup.url}/ingest/k8s-audit/bench`, { method: 'POST', body, headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' } })
  await res.arrayBuffer()
  if (i >= setup.warmup) latencies.push(performance.now() - start)
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`)
  if (setup.intervalMs > 0) await setTimeout(Math.max(0, start + setup.intervalMs - performance.now()))
}
parentPort!.postMessage(latencies)
