import { parentPort, workerData } from 'node:worker_threads'
import { payloadProjector } from '../../rules/project-payload.js'
import { buildRuleSet } from '../../rules/rule-set.js'
import { blockClaims, readAuditFileShard } from '../../sources/k8s-audit-file/index.js'
import { offlineBatch, offlineEngine } from './file-events.js'
import { ruleSetFingerprint } from './fingerprint.js'
import type { RulesMessage, WireEvent, WorkerMessage, WorkerSetup } from './wire.js'

// A detection worker: reads its shard of each file and runs the stateless half of detection
// (decode, redact, single-event rules), sending on only what the stateful half needs; the main
// thread keeps correlation, first-seen and grouping state in file order.
const setup = workerData as WorkerSetup
const send = (message: WorkerMessage): void => parentPort!.postMessage(message)

// The rules come as plain data from the main thread, which read and parsed them while this thread started.
parentPort!.once('message', (message: RulesMessage) => {
  run(message.input).catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
})

async function run(input: RulesMessage['input']): Promise<void> {
  const ruleSet = buildRuleSet(input)
  const engine = offlineEngine(ruleSet, setup.engine)
  // Events travel projected onto what the main thread's stateful half reads.
  const project = payloadProjector(engine.statefulFields())
  // Only events the stateful half would act on travel: the rest match nothing and teach nothing.
  const needed = engine.newcomerFilter()
  send({ type: 'ready', rules: ruleSet.rules.length, fingerprint: ruleSetFingerprint(ruleSet) })
  const claimed = new Int32Array(setup.blocks.claimed)
  for (const [file, path] of setup.files.entries()) {
    const shard = { blockLines: setup.blocks.lines, ownsTail: setup.ownsTail, claim: blockClaims(claimed, file) }
    for await (const { block, records } of readAuditFileShard(path, { cluster: setup.cluster, keepText: false }, shard)) {
      const { events, rejected } = offlineBatch(records, { cluster: setup.cluster, anyLogsource: setup.engine.anyLogsource })
      const wire: WireEvent[] = []
      for (const e of events) {
        const matches = engine.matchEvent(e)
        if (needed(e, matches)) wire.push({ id: e.id, timeMs: e.timeMs, cluster: e.cluster, logsource: e.logsource, matches, payload: project(e.payload) })
      }
      send({ type: 'block', file, block, events: JSON.stringify(wire), read: events.length, rejected })
    }
    send({ type: 'file-done', file })
  }
}
