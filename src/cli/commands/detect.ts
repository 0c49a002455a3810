import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { formatProblem, type Alert } from '../../core/index.js'
import { AlertGrouper } from '../../alerting/grouping.js'
import { detectInWorkers } from '../../alerting/offline/detect-in-workers.js'
import { offlineBatch, offlineEngine } from '../../alerting/offline/file-events.js'
import { ruleSetFingerprint } from '../../alerting/offline/fingerprint.js'
import { readRuleSetInput } from '../../content/load-rule-set.js'
import { buildRuleSet, type RuleSet, type RuleSetInput } from '../../rules/rule-set.js'
import type { RuleHit } from '../../rules/engine.js'
import { readAuditFile } from '../../sources/k8s-audit-file/index.js'
import { formatJsonLines, formatTable } from '../format.js'

export interface DetectOptions {
  rules: string[]
  defaultRules: boolean
  anyLogsource?: boolean
  format: 'json' | 'table'
  cluster: string
  ruleStatus?: string
  /** Detection threads: 1 runs in this thread; unset picks by input size and cores. */
  workers?: number
}

// Events are read, matched and dropped in small batches: each dies young and in cache (see detectInWorkers).
const DETECT_BATCH = 250

// Below this much input, starting threads (each loads the rules) costs more than it saves.
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024

function workerCount(files: string[], asked: number | undefined): number {
  if (asked !== undefined) return Math.max(1, Math.floor(asked))
  const bytes = files.reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0)
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.min(availableParallelism(), 4)
}

/** The JSON Lines shape of `detect --format json`: a contract outside checks read. */
function toJson(alert: Alert): Record<string, unknown> {
  const { id, rule, severity, mitre, eventIds, count, firstSeen, lastSeen, summary, entity } = alert
  return { id, rule, severity, mitre, eventIds, count, firstSeen, lastSeen, summary, entity }
}

/**
 * `kubesiem detect FILE...`: run detection offline over audit logs, Falco traces or any JSON
 * Lines events; print alerts, and a summary on stderr.
 * @example const { output } = await runDetect(['audit.log'], { rules: [], defaultRules: true, format: 'json', cluster: 'default' })
 */
export async function runDetect(files: string[], options: DetectOptions, log: (line: string) => void = (l) => console.error(l)): Promise<{ output: string; alerts: Alert[] }> {
  const ruleSetOptions = { rules: options.rules, noDefaultRules: !options.defaultRules, statuses: options.ruleStatus?.split(','), clusterName: options.cluster }
  const engineOptions = { anyLogsource: options.anyLogsource, firstSeen: options.defaultRules }
  let events = 0
  let rejected = 0
  const workers = workerCount(files, options.workers)
  let input: RuleSetInput | undefined
  const readInput = (): RuleSetInput => (input ??= readRuleSetInput(ruleSetOptions))
  // Started first, so that the threads boot while this one reads and parses the rules they get.
  const inWorkers = workers > 1
    ? detectInWorkers({ files, cluster: options.cluster, ruleSet: readInput, engine: engineOptions, workers, expect: () => ({ rules: ruleSet.rules.length, fingerprint: ruleSetFingerprint(ruleSet) }) }, (batch, read, rejections) => {
        events += read
        for (const e of batch) raise(engine.applyMatches(e, e.matches), e.cluster)
        reject(rejections)
      })
    : undefined
  let ruleSet: RuleSet
  try {
    ruleSet = buildRuleSet(readInput())
  } catch (error) {
    // The threads met the same error and stopped: wait for them, then report it once.
    await inWorkers?.catch(() => undefined)
    throw error
  }
  for (const problem of ruleSet.problems.filter((p) => p.severity === 'error')) log(formatProblem(problem))
  const warnings = ruleSet.problems.length - ruleSet.problems.filter((p) => p.severity === 'error').length
  if (warnings > 0) log(`${warnings} rule warnings (see them with: kubesiem rules lint)`)
  const engine = offlineEngine(ruleSet, engineOptions)
  const grouper = new AlertGrouper()
  const alerts = new Map<string, Alert>()
  const raise = (hits: RuleHit[], cluster: string): void => {
    for (const hit of hits) {
      const alert = grouper.add(hit, cluster)
      alerts.set(alert.id, alert)
    }
  }
  const reject = (messages: string[]): void => {
    rejected += messages.length
    for (const message of messages) log(message)
  }
  if (inWorkers) {
    await inWorkers
  } else {
    for (const file of files) {
      for await (const records of readAuditFile(file, { cluster: options.cluster, keepText: false, batchSize: DETECT_BATCH })) {
        const batch = offlineBatch(records, options)
        events += batch.events.length
        for (const e of batch.events) raise(engine.evaluate(e), e.cluster)
        reject(batch.rejected)
      }
    }
  }
  log(`${events} events, ${rejected} rejected, ${engine.ruleCount} rules, ${alerts.size} alerts`)
  const sorted = [...alerts.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.rule.title.localeCompare(b.rule.title))
  const output = options.format === 'json'
    ? formatJsonLines(sorted.map(toJson))
    : formatTable(sorted.map((a) => ({ firstSeen: a.firstSeen, severity: a.severity, rule: a.rule.title, count: a.count, user: a.entity.user ?? '', namespace: a.entity.namespace ?? '', mitre: a.mitre.join(',') })), ['firstSeen', 'severity', 'rule', 'count', 'user', 'namespace', 'mitre'])
  return { output, alerts: sorted }
}
