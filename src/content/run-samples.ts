import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RuleSet } from '../rules/rule-set.js'

/** One sample file's verdict. */
export interface SampleResult {
  ruleId: string
  sample: string
  expected: boolean
  matched: boolean
}

type AuditEvent = Record<string, unknown> & { auditID?: string; stageReceivedTimestamp?: string; requestReceivedTimestamp?: string; stageTimestamp?: string }

function readSampleEvents(path: string): AuditEvent[] {
  const text = readFileSync(path, 'utf8')
  return path.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as AuditEvent) : [JSON.parse(text) as AuditEvent]
}

const timeOf = (e: AuditEvent): number => Date.parse(String(e.stageTimestamp ?? e.stageReceivedTimestamp ?? e.requestReceivedTimestamp ?? ''))

/**
 * Run every rule's samples: `<samplesDir>/<rule-id>/match-*.json` must match and `nomatch-*`
 * must not; `.jsonl` samples are time-ordered sequences fed through a correlation.
 * Sequences need fresh correlation state per sample: pass `freshRuleSet` to rebuild it.
 * @example runSamples(ruleSet, 'content/samples', () => loadRuleSet())
 */
export function runSamples(ruleSet: RuleSet, samplesDir: string, freshRuleSet: () => RuleSet): SampleResult[] {
  const results: SampleResult[] = []
  const ids = [...ruleSet.rules.map((r) => r.ref.id), ...ruleSet.correlations.map((c) => c.ref.id)]
  for (const ruleId of ids) {
    const dir = join(samplesDir, ruleId)
    if (!existsSync(dir)) continue
    for (const sample of readdirSync(dir).sort()) {
      const expected = sample.startsWith('match-')
      const events = readSampleEvents(join(dir, sample))
      const rule = ruleSet.rules.find((r) => r.ref.id === ruleId)
      let matched: boolean
      if (rule) matched = events.some((e) => rule.match(e))
      else {
        const fresh = freshRuleSet()
        const correlation = fresh.correlations.find((c) => c.ref.id === ruleId)!
        matched = false
        for (const e of events) {
          for (const base of fresh.rules) {
            if (correlation.consumes.includes(base.ref.id) && base.match(e) && correlation.observe(base.ref.id, e, timeOf(e), e.auditID).length > 0) matched = true
          }
        }
      }
      results.push({ ruleId, sample, expected, matched })
    }
  }
  return results
}
