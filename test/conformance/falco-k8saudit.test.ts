import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isK8sAuditEvent, loadFalcoRules } from '../../src/rules/falco/index.js'

const ROOT = path.resolve(process.cwd(), '../shared/conformance/falco-k8saudit')
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8')

interface Case {
  name: string
  trace_file: string
  rules_files: string[]
  expect_rule_counts?: Record<string, number>
  expect_priority?: string
  expect_no_alerts_at_all?: boolean
  obsolete_under_current_rules?: boolean
}

const SEVERITY: Record<string, string> = { WARNING: 'medium', NOTICE: 'low', INFO: 'info', ERROR: 'high', CRITICAL: 'critical' }

/** Run a trace through the enabled rules; lines that are not audit events are skipped and counted. */
function runTrace(rulesFiles: string[], traceFile: string): { counts: Record<string, number>; severities: Set<string>; skipped: number; problems: string[] } {
  const { rules, problems } = loadFalcoRules(rulesFiles.map((f) => ({ path: f, text: read(f) })))
  const counts: Record<string, number> = {}
  const severities = new Set<string>()
  let skipped = 0
  for (const line of read(traceFile).split('\n')) {
    if (line.trim() === '') continue
    const ev: unknown = JSON.parse(line)
    if (!isK8sAuditEvent(ev)) {
      skipped++
      continue
    }
    for (const rule of rules) {
      if (!rule.enabled || !rule.match(ev)) continue
      counts[rule.ref.title] = (counts[rule.ref.title] ?? 0) + 1
      severities.add(rule.severity)
      rule.summarize(ev)
    }
  }
  return { counts, severities, skipped, problems: problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.col} ${p.code} ${p.message}`) }
}

const spec = JSON.parse(read('expectations.json')) as { tests: Case[] }
const cases = spec.tests.filter((c) => !c.obsolete_under_current_rules)

describe('falco k8saudit conformance (expectations.json)', () => {
  it('has the 64 live upstream cases', () => {
    expect(cases).toHaveLength(64)
  })

  it('matches every expected alert count exactly', () => {
    const failures: string[] = []
    let passed = 0
    for (const c of cases) {
      const run = runTrace(c.rules_files, c.trace_file)
      const before = failures.length
      if (run.problems.length > 0) failures.push(`${c.name}: load errors ${run.problems.join('; ')}`)
      for (const [rule, n] of Object.entries(c.expect_rule_counts ?? {})) {
        if ((run.counts[rule] ?? 0) !== n) failures.push(`${c.name}: "${rule}" fired ${run.counts[rule] ?? 0}x, expected ${n}`)
      }
      if (c.expect_no_alerts_at_all && Object.keys(run.counts).length > 0) failures.push(`${c.name}: expected no alerts, got ${JSON.stringify(run.counts)}`)
      if (c.expect_priority && c.expect_rule_counts && !run.severities.has(SEVERITY[c.expect_priority])) {
        failures.push(`${c.name}: no alert at priority ${c.expect_priority}`)
      }
      if (failures.length === before) passed++
    }
    console.info(`falco k8saudit conformance: ${passed}/${cases.length} cases pass`)
    expect(failures, `${passed}/${cases.length} cases pass`).toEqual([])
  })

  it('skips the non-audit-event trace without crashing', () => {
    const run = runTrace(['rules/k8s_audit_rules.yaml'], 'trace_files/fal_01_003.json')
    expect(run.skipped).toBe(1)
    expect(run.counts).toEqual({})
  })

  it('never throws when a rule meets JSON that is not an audit event', () => {
    const { rules } = loadFalcoRules([{ path: 'k8s_audit_rules.yaml', text: read('rules/k8s_audit_rules.yaml') }])
    for (const junk of [{ kind: 0 }, {}, { auditID: 'x' }, { auditID: 'x', requestObject: { spec: { containers: 'nope', volumes: [null, 1] } } }]) {
      for (const rule of rules) {
        expect(() => rule.match(junk)).not.toThrow()
        expect(() => rule.summarize(junk)).not.toThrow()
      }
    }
  })

  it('applies the GKE file on top: an appended exception and appended image lists', () => {
    const { rules } = loadFalcoRules(['rules/k8s_audit_rules.yaml', 'rules/k8s_audit_rules_gke.yaml'].map((f) => ({ path: f, text: read(f) })))
    const byTitle = (t: string) => rules.find((r) => r.ref.title === t)!
    const user = JSON.parse(read('trace_files/some-user_creates_namespace_foo.json').split('\n')[0]) as { user: { username: string } }
    expect(byTitle('Disallowed K8s User').match(user)).toBe(true)
    user.user.username = 'service-1@container-engine-robot.iam.gserviceaccount.com'
    expect(byTitle('Disallowed K8s User').match(user)).toBe(false)
    const pod = JSON.parse(read('trace_files/create_nginx_pod_privileged.json').split('\n')[0]) as { requestObject: { spec: { containers: Array<{ image: string }> } } }
    expect(byTitle('Create Privileged Pod').match(pod)).toBe(true)
    pod.requestObject.spec.containers[0].image = 'gke.gcr.io/netd:1.2'
    expect(byTitle('Create Privileged Pod').match(pod)).toBe(false)
  })

  it('loads the default and GKE rules files without problems', () => {
    const { rules, problems } = loadFalcoRules(['rules/k8s_audit_rules.yaml', 'rules/k8s_audit_rules_gke.yaml'].map((f) => ({ path: f, text: read(f) })))
    expect(problems).toEqual([])
    expect(rules.length).toBeGreaterThan(40)
  })
})

describe('falco k8saudit derived default-ruleset matrix (informational baseline)', () => {
  const matrix = JSON.parse(read('derived_default_ruleset_matrix.json')) as { matrix: Record<string, Record<string, number>> }

  it('agrees with the derived matrix for every trace', () => {
    const diffs: string[] = []
    for (const [trace, expected] of Object.entries(matrix.matrix)) {
      const run = runTrace(['rules/k8s_audit_rules.yaml'], `trace_files/${trace}`)
      const want = Object.fromEntries(Object.entries(expected).filter(([k]) => !k.startsWith('__')))
      if (JSON.stringify(Object.entries(run.counts).sort()) !== JSON.stringify(Object.entries(want).sort())) {
        diffs.push(`${trace}: got ${JSON.stringify(run.counts)}, matrix ${JSON.stringify(want)}`)
      }
    }
    expect(diffs).toEqual([])
  })
})
