import type { Logsource } from '../../rules/rule.js'
import type { RuleMatch } from '../../rules/engine.js'
import type { RuleSetInput } from '../../rules/rule-set.js'
import type { OfflineEngineOptions } from './file-events.js'

/** What a detection worker is started with; its rules follow in a {@link RulesMessage}. */
export interface WorkerSetup {
  files: string[]
  cluster: string
  engine: OfflineEngineOptions
  /** How the workers share each file: blocks of `lines` lines, claimed through `claimed` (one Int32 counter per file). */
  blocks: { lines: number; claimed: SharedArrayBuffer }
  /** Whether this worker yields each file's tail (a whole-file document, read errors). */
  ownsTail: boolean
}

/** The rule files, read and parsed once by the main thread, posted to a worker once it runs. */
export interface RulesMessage {
  type: 'rules'
  input: RuleSetInput
}

/** One event as a worker sends it: its rule matches and a projection of its payload. */
export interface WireEvent {
  id: string
  timeMs: number
  cluster: string
  logsource?: Logsource
  matches: RuleMatch[]
  payload: Record<string, unknown>
}

/** Messages from a detection worker, in the order it reads. */
export type WorkerMessage =
  | { type: 'ready'; rules: number; fingerprint: string }
  // Events travel as one JSON text per block: cloning thousands of small objects cost the main thread ten times more.
  // Only the events the main thread needs travel (DetectionEngine.newcomerFilter); `read` counts all.
  | { type: 'block'; file: number; block: number; events: string; read: number; rejected: string[] }
  | { type: 'file-done'; file: number }
  | { type: 'failed'; message: string }
