import { Worker } from 'node:worker_threads'
import type { RuleSetInput } from '../../rules/rule-set.js'
import { TAIL_BLOCK } from '../../sources/k8s-audit-file/index.js'
import type { OfflineEngineOptions } from './file-events.js'
import type { RulesMessage, WireEvent, WorkerMessage, WorkerSetup } from './wire.js'
import { detectWorkerUrl } from './worker-entry.js'

export interface InWorkersOptions {
  files: string[]
  cluster: string
  /** Read (and parsed) once the threads are started, so that they boot while this thread parses; posted to each. */
  ruleSet: () => RuleSetInput
  /** Built alike in every thread (offlineEngine): the caller's engine applies the workers' matches. */
  engine: OfflineEngineOptions
  workers: number
  /** What the caller's own copy of the rule set is (asked once a worker is ready): every worker must have loaded the same. */
  expect: () => { rules: number; fingerprint: string }
  blockLines?: number
}

/** Receives each block in file order: the events the stateful half needs, how many were read, the rejections. */
export type BlockSink = (events: WireEvent[], read: number, rejected: string[]) => void

/**
 * Run the stateless half of detection over files in worker threads, which share every file in
 * blocks of lines (each block to the worker that claims it first), and hand the blocks to `sink`
 * in file order: the caller keeps the stateful half (correlations, first-seen, grouping) exactly as
 * one thread would.
 * @example await detectInWorkers({ files, cluster, ruleSet, engine: { firstSeen: true }, workers: 2, expect }, (events) => …)
 */
export function detectInWorkers(options: InWorkersOptions, sink: BlockSink): Promise<void> {
  const count = options.workers
  // Small blocks keep each event's parse, match and garbage close together (it dies young, in cache):
  // 250 lines ran a fifth faster than 2,000; below that, messages start to cost more than they save.
  const blockLines = options.blockLines ?? 250
  const pending = new Map<string, { events: string; read: number; rejected: string[] }>()
  // The index of the last file each worker has finished reading.
  const finished: number[] = Array.from({ length: count }, () => -1)
  // Blocks go to whichever worker asks first: one on a core busy with other work takes fewer.
  const claimed = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * Math.max(1, options.files.length))
  const workers = Array.from({ length: count }, (_, index) => {
    const setup: WorkerSetup = { files: options.files, cluster: options.cluster, engine: options.engine, blocks: { lines: blockLines, claimed }, ownsTail: index === 0 }
    return new Worker(detectWorkerUrl(), { workerData: setup })
  })
  let file = 0
  let next = 0
  return new Promise<void>((resolve, reject) => {
    let settled = false
    const stop = (error?: Error): void => {
      if (settled) return
      settled = true
      void Promise.all(workers.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve()), reject)
    }
    const take = (key: string): boolean => {
      const block = pending.get(key)
      if (!block) return false
      pending.delete(key)
      sink(JSON.parse(block.events) as WireEvent[], block.read, block.rejected)
      return true
    }
    const pump = (): void => {
      try {
        while (file < options.files.length) {
          if (take(`${file}:${next}`)) {
            next++
            continue
          }
          // Blocks are numbered without gaps, and a worker sends its blocks before the end of the
          // file: once every worker finished the file without the next block, its line blocks are
          // over. Its tail comes from worker 0, before its end.
          if (finished.some((f) => f < file)) return
          take(`${file}:${TAIL_BLOCK}`)
          file++
          next = 0
        }
        stop()
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error)))
      }
    }
    try {
      const rules: RulesMessage = { type: 'rules', input: options.ruleSet() }
      for (const worker of workers) worker.postMessage(rules)
    } catch (error) {
      // An unreadable rules path: the threads must not outlive the error.
      return stop(error instanceof Error ? error : new Error(String(error)))
    }
    workers.forEach((worker, index) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          const expected = options.expect()
          if (message.rules !== expected.rules || message.fingerprint !== expected.fingerprint) stop(new Error(`detection worker ${index} loaded a different rule set (${message.rules} rules)`))
          return
        }
        if (message.type === 'failed') return stop(new Error(`detection worker ${index} failed: ${message.message}`))
        if (message.type === 'block') pending.set(`${message.file}:${message.block}`, { events: message.events, read: message.read, rejected: message.rejected })
        else finished[index] = message.file
        pump()
      })
      worker.on('error', (error) => stop(error))
      worker.on('exit', (code) => {
        if (code !== 0) stop(new Error(`detection worker ${index} exited with code ${code}`))
      })
    })
    pump()
  })
}
