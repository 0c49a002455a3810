import { existsSync } from 'node:fs'
import { runDetect } from '../cli/commands/detect.js'
import { loadRuleSet } from '../content/load-rule-set.js'
import { generateDemoEvents } from '../demo/generate.js'
import { DetectionEngine } from '../rules/engine.js'
import { ratioRounds, type RatioRounds } from './measure.js'

export interface DetectFigures extends RatioRounds {
  rules: number
  /** The costliest rules, nanoseconds per event each. */
  costPerRule: { rule: string; nsPerEvent: number }[]
  meanNsPerRulePerEvent: number
  correlation: { identities: number; groups: number; heapMb: number }
}

/**
 * `detect` over a generated audit file with the default pack and Falco's rules (when the shared
 * conformance copy is beside the repo), against the JSON.parse floor of the same file.
 * @example await detectBench('.bench/audit-200000.jsonl', '../shared/conformance/falco-k8saudit/rules/k8s_audit_rules.yaml', 200007)
 */
export async function detectBench(file: string, falcoRules: string, lines: number): Promise<DetectFigures> {
  const rules = existsSync(falcoRules) ? [falcoRules] : []
  let ruleCount = 0
  const measured = await ratioRounds(file, lines, () =>
    runDetect([file], { rules, defaultRules: true, format: 'json', cluster: 'bench' }, (line) => {
      const m = /(\d+) rules/.exec(line)
      if (m) ruleCount = Number(m[1])
    }),
  )
  return { ...measured, rules: ruleCount, ...costPerRule(rules), correlation: correlationMemory(1_000_000) }
}

// Each enabled rule's match() timed alone over a sample, indexed candidates or not: an upper bound.
function costPerRule(falco: string[]): Pick<DetectFigures, 'costPerRule' | 'meanNsPerRulePerEvent'> {
  const ruleSet = loadRuleSet({ rules: falco })
  const sample = generateDemoEvents({ events: 20_000, seed: 3 })
  const costs = ruleSet.rules.filter((r) => r.enabled).map((rule) => {
    const start = process.hrtime.bigint()
    for (const event of sample) rule.match(event)
    return { rule: rule.ref.title, nsPerEvent: Number(process.hrtime.bigint() - start) / sample.length }
  })
  costs.sort((a, b) => b.nsPerEvent - a.nsPerEvent)
  const mean = costs.reduce((sum, c) => sum + c.nsPerEvent, 0) / Math.max(1, costs.length)
  return { costPerRule: costs.slice(0, 5).map((c) => ({ rule: c.rule, nsPerEvent: Math.round(c.nsPerEvent) })), meanNsPerRulePerEvent: Math.round(mean) }
}

// Feed denied requests from `n` distinct identities through the correlations (the denied-burst
// rule groups by user): state must stay within each correlation's group cap.
function correlationMemory(n: number): DetectFigures['correlation'] {
  const engine = new DetectionEngine(loadRuleSet({}))
  global.gc?.()
  const before = process.memoryUsage().heapUsed
  // One event per millisecond: all within the correlation windows, so only the group cap bounds state.
  const base = Date.parse('2026-03-01T00:00:00Z')
  for (let i = 0; i < n; i++) {
    const payload = {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: `c${i}`, stage: 'ResponseComplete', verb: 'list',
      user: { username: `user-${i}@example.com`, groups: ['system:authenticated'] }, sourceIPs: ['192.0.2.1'],
      objectRef: { resource: 'secrets', namespace: 'default' }, responseStatus: { code: 403 }, requestURI: '/api/v1/namespaces/default/secrets',
    }
    engine.evaluate({ id: payload.auditID, timeMs: base + i, payload })
  }
  global.gc?.()
  return { identities: n, groups: engine.correlationState(), heapMb: Math.round((process.memoryUsage().heapUsed - before) / 1048576) }
}
