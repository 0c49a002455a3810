import { parentPort, workerData } from 'node:worker_threads'
import { loadRuleSet } from '../../content/load-rule-set.js'
import { payloadProjector } from '../../rules/project-payload.js'
import { readAuditFileShard } from '../../sources/k8s-audit-file/index.js'
import { offlineBatch, offlineEngine } from './file-events.js'
import { ruleSetFingerprint } from './fingerprint.js'
import type { WireEvent, WorkerMessage, WorkerSetup } from './wire.js'

// A detection worker: reads its shard of each file and runs the stateless half of detection
// (decode, redact, normalize, single-event rules); the main thread keeps correlation, first-seen
// and grouping state in file order.
const setup = workerData as WorkerSetup
const send = (message: WorkerMessage): void => parentPort!.postMessage(message)

try {
  const ruleSet = loadRuleSet(setup.ruleSet)
  const engine = offlineEngine(ruleSet, setup.engine)
  // Events travel projected onto what the main thread's stateful half reads.
  const project = payloadProjector(engine.statefulFields())
  send({ type: 'ready', rules: ruleSet.rules.length, fingerprint: ruleSetFingerprint(ruleSet) })
  for (const [file, path] of setup.files.entries()) {
    for await (const { block, records } of readAuditFileShard(path, { cluster: setup.cluster, keepText: false }, setup.shard)) {
      const { events, rejected } = offlineBatch(records, { cluster: setup.cluster, anyLogsource: setup.engine.anyLogsource })
      const wire: WireEvent[] = events.map((e) => ({ id: e.id, timeMs: e.timeMs, cluster: e.cluster, logsource: e.logsource, matches: engine.matchEvent(e), payload: project(e.payload) }))
      send({ type: 'block', file, block, events: JSON.stringify(wire), rejected })
    }
    send({ type: 'file-done', file })
  }
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
}
