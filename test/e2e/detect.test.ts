import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { auditEvent, CONFORMANCE, ROOT, runCli, runCliAsync, tempDataDir } from './helpers.js'

const FALCO = join(CONFORMANCE, 'falco-k8saudit')

interface FalcoCase {
  name: string
  trace_file: string
  rules_files: string[]
  expect_rule_counts?: Record<string, number>
  expect_no_alerts_at_all?: boolean
  obsolete_under_current_rules?: unknown
}

const parseAlerts = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))

describe('kubesiem detect (the built CLI)', () => {
  test('--workers 3 gives exactly the alerts of one thread, correlations and first-seen included, with bad lines counted in order', () => {
    const dir = tempDataDir()
    const file = join(dir, 'demo.jsonl')
    runCli(['demo', 'generate', '--out', file, '--events', '12000'])
    const lines = readFileSync(file, 'utf8').split('\n')
    // State that must carry across the threads' blocks of 2000 lines, at the time of the lines around it.
    const at = (line: number, events: Record<string, unknown>[]) => {
      const { stageTimestamp } = JSON.parse(lines[line]!) as { stageTimestamp: string }
      lines.splice(line, 0, ...events.map((e) => JSON.stringify({ ...e, requestReceivedTimestamp: stageTimestamp, stageTimestamp })))
    }
    const eve = { user: { username: 'eve@example.com', groups: ['system:authenticated'] } }
    at(9990, Array.from({ length: 12 }, (_, i) => auditEvent(`secret-${i}`, { ...eve, verb: 'get', objectRef: { resource: 'secrets', namespace: 'default', name: `s${i}`, apiVersion: 'v1' } })))
    at(3990, Array.from({ length: 25 }, (_, i) => auditEvent(`denied-${i}`, { ...eve, responseStatus: { code: 403 } })))
    at(11000, [auditEvent('new-agent', { user: { username: 'alice@example.com', groups: ['developers', 'system:authenticated'] }, userAgent: 'python-requests/2.31.0', sourceIPs: ['192.0.2.11'] })])
    // Damage in the middle of a worker's block: it must be reported, and nothing else change.
    lines.splice(5000, 0, '{"kind": "Event", truncated')
    writeFileSync(file, lines.join('\n'))
    const falco = join(FALCO, 'rules', 'k8s_audit_rules.yaml')
    const one = runCli(['detect', file, '--rules', falco, '--format', 'json', '--workers', '1'])
    const three = runCli(['detect', file, '--rules', falco, '--format', 'json', '--workers', '3'])
    expect(three.status, three.stderr).toBe(0)
    const withoutIds = (stdout: string) => parseAlerts(stdout).map(({ id: _, ...rest }) => rest)
    const alerts = withoutIds(three.stdout)
    expect(alerts).toEqual(withoutIds(one.stdout))
    expect(alerts.map((a) => a.rule.title)).toEqual(expect.arrayContaining(['Burst of Denied API Requests by One Identity', 'Many Different Secrets Read by One Identity', 'New user agent for an identity']))
    expect(alerts.map((a) => a.rule.source)).toEqual(expect.arrayContaining(['sigma', 'falco', 'builtin']))
    expect(three.stderr).toMatch(/:5001\b/)
    expect(three.stderr).toMatch(/12045 events, 1 rejected, \d+ rules, \d+ alerts/)
    expect(three.stderr.replace(/\d+ rule warnings.*\n/, '')).toBe(one.stderr.replace(/\d+ rule warnings.*\n/, ''))
  })

  test('detection threads run the build\'s one-file bundle of the worker (the test above compares its alerts with one thread\'s)', async () => {
    const entry = (await import(pathToFileURL(join(ROOT, 'dist/alerting/offline/worker-entry.js')).href)) as typeof import('../../src/alerting/offline/worker-entry.js')
    expect(fileURLToPath(entry.detectWorkerUrl())).toBe(join(ROOT, 'dist/alerting/offline/detect-worker.bundle.js'))
    // Only packages stay outside the bundle: none of our own modules is imported by path.
    expect(readFileSync(entry.DETECT_WORKER_BUNDLE, 'utf8')).not.toMatch(/from\s+["']\.{1,2}\//)
  })

  test('--format json prints one alert per line with the contract fields; the demo attacks carry ATT&CK ids', () => {
    const dir = tempDataDir()
    const file = join(dir, 'demo.jsonl')
    runCli(['demo', 'generate', '--out', file, '--events', '2000'])
    const run = runCli(['detect', file, '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    const alerts = parseAlerts(run.stdout)
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'rule', 'severity', 'mitre', 'eventIds', 'count', 'firstSeen', 'lastSeen', 'summary']))
      expect(Object.keys(a.rule)).toEqual(expect.arrayContaining(['id', 'title', 'source']))
    }
    const titles = alerts.map((a) => a.rule.title).join('\n')
    expect(titles).toMatch(/Privileged Container/)
    expect(titles).toMatch(/cluster-admin/)
    expect(titles).toMatch(/Metadata/)
    expect(titles).toMatch(/Anonymous/)
    expect(alerts.every((a) => a.mitre.every((t: string) => /^T\d{4}(\.\d{3})?$/.test(t)))).toBe(true)
    // Quiet on the benign part: nothing at medium or above names anyone but the attackers.
    const loud = alerts.filter((a) => ['medium', 'high', 'critical'].includes(a.severity))
    expect(loud.map((a) => a.entity.user).filter((u) => u !== 'mallory@example.com' && u !== 'system:anonymous')).toEqual([])
    expect(run.stderr).toMatch(/2007 events, 0 rejected, \d+ rules, \d+ alerts/)
  })

  test("Falco's 64 current conformance cases hold through the real CLI (rules loaded unchanged, counts per rule)", async () => {
    const { tests } = JSON.parse(readFileSync(join(FALCO, 'expectations.json'), 'utf8')) as { tests: FalcoCase[] }
    const cases = tests.filter((c) => !c.obsolete_under_current_rules)
    expect(cases).toHaveLength(64)
    const failures: string[] = []
    const runCase = async (c: FalcoCase): Promise<void> => {
      const args = ['detect', join(FALCO, c.trace_file), '--no-default-rules', '--format', 'json', ...c.rules_files.flatMap((f) => ['--rules', join(FALCO, f)])]
      const run = await runCliAsync(args)
      if (run.status !== 0) return void failures.push(`${c.name}: exit ${run.status} ${run.stderr}`)
      const counts: Record<string, number> = {}
      for (const a of parseAlerts(run.stdout)) counts[a.rule.title] = (counts[a.rule.title] ?? 0) + a.count
      if (c.expect_no_alerts_at_all && Object.keys(counts).length > 0) failures.push(`${c.name}: expected no alerts, got ${JSON.stringify(counts)}`)
      for (const [rule, n] of Object.entries(c.expect_rule_counts ?? {})) if ((counts[rule] ?? 0) !== n) failures.push(`${c.name}: ${rule} expected ${n}, got ${counts[rule] ?? 0}`)
    }
    // Two at a time: this machine has two cores.
    for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(runCase))
    expect(failures).toEqual([])
  }, 300_000)

  test('--any-logsource applies rules to any JSON Lines event; without it, non-audit lines are counted and named', () => {
    const dir = tempDataDir()
    const rule = join(dir, 'proc.yml')
    writeFileSync(rule, `title: Curl seen\nid: 5b0e3c3e-1b8e-4b0a-9a57-0f7f2b4f3c11\nstatus: stable\nlogsource: { product: linux, category: process_creation }\ndetection:\n  sel:\n    Image|endswith: /curl\n  condition: sel\nlevel: high\ntags: [attack.t1105]\n`)
    const events = join(dir, 'proc.jsonl')
    writeFileSync(events, `${JSON.stringify({ id: 'p1', Image: '/usr/bin/curl' })}\n${JSON.stringify({ id: 'p2', Image: '/bin/ls' })}\n`)
    const any = runCli(['detect', events, '--rules', rule, '--no-default-rules', '--any-logsource', '--format', 'json'])
    expect(parseAlerts(any.stdout).map((a) => [a.rule.title, a.eventIds])).toEqual([['Curl seen', ['p1']]])
    const strict = runCli(['detect', events, '--rules', rule, '--no-default-rules', '--format', 'json'])
    expect(strict.stdout.trim()).toBe('')
    expect(strict.stderr).toContain('proc.jsonl:1: not a Kubernetes audit event')
    expect(strict.stderr).toMatch(/0 events, 2 rejected/)
  })

  test('a broken rule is a coded error with file:line:col; the others still run', () => {
    const dir = tempDataDir()
    const rules = join(dir, 'rules')
    const good = `title: Good\nid: 11111111-1111-4111-8111-111111111111\nstatus: stable\nlogsource: { product: kubernetes, service: audit }\ndetection:\n  sel:\n    verb: delete\n  condition: sel\nlevel: medium\n`
    const bad = `title: Bad\nid: 22222222-2222-4222-8222-222222222222\nstatus: stable\nlogsource: { product: kubernetes, service: audit }\ndetection:\n  sel:\n    verb|contans: delete\n  condition: sel\nlevel: medium\n`
    mkdirSync(rules)
    writeFileSync(join(rules, 'good.yml'), good)
    writeFileSync(join(rules, 'bad.yml'), bad)
    const events = join(dir, 'ev.jsonl')
    writeFileSync(events, `${JSON.stringify(auditEvent('d1', { verb: 'delete' }))}\n`)
    const run = runCli(['detect', events, '--rules', rules, '--no-default-rules', '--format', 'json'])
    expect(run.stderr).toMatch(/bad\.yml:7:\d+: error KUBESIEM_SIGMA_UNKNOWN_MODIFIER: .*contans.*did you mean "contains"/)
    expect(parseAlerts(run.stdout).map((a) => a.rule.title)).toEqual(['Good'])
    const lint = runCli(['rules', 'lint', rules])
    expect(lint.status).toBe(2)
    expect(lint.stdout).toMatch(/1 rules, 0 correlations, 1 errors/)
  })

  test('rules test runs every bundled sample and passes', () => {
    const run = runCli(['rules', 'test'])
    expect(run.status, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/^\d{3,} passed, 0 failed$/m)
  })
})
