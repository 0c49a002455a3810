import { formatProblem, isObject, stableId, type Alert } from '../../core/index.js'
import { AlertGrouper } from '../../alerting/grouping.js'
import { detectEvents } from '../../alerting/detect-batch.js'
import { loadRuleSet } from '../../content/load-rule-set.js'
import { prepareBatch } from '../../pipeline/stages.js'
import { DetectionEngine } from '../../rules/engine.js'
import { FirstSeenDetector } from '../../rules/builtin/first-seen.js'
import { readAuditFile } from '../../sources/k8s-audit-file/index.js'
import { formatJsonLines, formatTable } from '../format.js'

export interface DetectOptions {
  rules: string[]
  defaultRules: boolean
  anyLogsource?: boolean
  format: 'json' | 'table'
  cluster: string
  ruleStatus?: string
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
  const ruleSet = loadRuleSet({ rules: options.rules, noDefaultRules: !options.defaultRules, statuses: options.ruleStatus?.split(','), clusterName: options.cluster })
  for (const problem of ruleSet.problems.filter((p) => p.severity === 'error')) log(formatProblem(problem))
  const warnings = ruleSet.problems.length - ruleSet.problems.filter((p) => p.severity === 'error').length
  if (warnings > 0) log(`${warnings} rule warnings (see them with: kubesiem rules lint)`)
  const engine = new DetectionEngine(ruleSet, { anyLogsource: options.anyLogsource, detectors: options.defaultRules ? [new FirstSeenDetector()] : [] })
  const grouper = new AlertGrouper()
  const alerts = new Map<string, Alert>()
  let events = 0
  let rejected = 0
  for (const file of files) {
    for await (const batch of readAuditFile(file, { cluster: options.cluster })) {
      const prepared = prepareBatch(batch, {})
      events += prepared.events.length
      for (const alert of detectEvents(engine, grouper, prepared.events)) alerts.set(alert.id, alert)
      for (const r of prepared.rejections) {
        // Any JSON object is an event when logsources are ignored: the rules decide what it is.
        if (options.anyLogsource && isObject(r.value)) {
          events += 1
          const payload = r.value
          const id = String(payload.auditID ?? payload.id ?? stableId(r.where))
          for (const hit of engine.evaluate({ id, timeMs: Date.parse(String(payload.time ?? payload.timestamp ?? '')) || 0, payload })) {
            const alert = grouper.add(hit, options.cluster)
            alerts.set(alert.id, alert)
          }
        } else {
          rejected += 1
          log(r.error.message)
        }
      }
    }
  }
  const sorted = [...alerts.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.rule.title.localeCompare(b.rule.title))
  log(`${events} events, ${rejected} rejected, ${engine.ruleCount} rules, ${sorted.length} alerts`)
  const output = options.format === 'json'
    ? formatJsonLines(sorted.map(toJson))
    : formatTable(sorted.map((a) => ({ firstSeen: a.firstSeen, severity: a.severity, rule: a.rule.title, count: a.count, user: a.entity.user ?? '', namespace: a.entity.namespace ?? '', mitre: a.mitre.join(',') })), ['firstSeen', 'severity', 'rule', 'count', 'user', 'namespace', 'mitre'])
  return { output, alerts: sorted }
}
