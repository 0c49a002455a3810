import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../src/core/index.js'
import { RuleIndex } from '../../src/rules/index-by-logsource.js'
import { loadSigmaRules } from '../../src/rules/sigma/index.js'

const SHARED = path.resolve(process.cwd(), '../shared/conformance')
const K8S = path.join(SHARED, 'sigma-kubernetes')

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? listYaml(p) : d.name.endsWith('.yml') ? [p] : []
  })
}

/** Every event of the crossmatch universe, labelled as derived_crossmatch.json labels them. */
function universe(): Array<{ label: string; event: Record<string, unknown> }> {
  const out: Array<{ label: string; event: Record<string, unknown> }> = []
  const traces = path.join(SHARED, 'falco-k8saudit/trace_files')
  for (const name of readdirSync(traces).filter((n) => n.endsWith('.json'))) {
    readFileSync(path.join(traces, name), 'utf8').split('\n').forEach((line, i) => {
      if (line.trim()) out.push({ label: `falco-k8saudit/trace_files/${name}#${i + 1}`, event: JSON.parse(line) })
    })
  }
  readFileSync(path.join(SHARED, 'panther-kubernetes/tests.jsonl'), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return
    const t = JSON.parse(line) as { log: Record<string, unknown>; native_k8s_audit_shape: boolean }
    if (t.native_k8s_audit_shape) out.push({ label: `panther-kubernetes/tests.jsonl#${i + 1}`, event: t.log })
  })
  return out
}

describe('SigmaHQ Kubernetes rules', () => {
  const files = listYaml(path.join(K8S, 'rules')).map((p) => ({ path: path.relative(K8S, p), text: readFileSync(p, 'utf8') }))
  const { rules, problems } = loadSigmaRules(files, { license: 'DRL-1.1' })

  it('loads all 31 rules without error problems', () => {
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([])
    expect(rules).toHaveLength(31)
    expect(rules.every((r) => r.ref.license === 'DRL-1.1' && r.ref.author)).toBe(true)
  })

  it('matches exactly the events derived_crossmatch.json lists for each audit rule', () => {
    const expected = JSON.parse(readFileSync(path.join(K8S, 'derived_crossmatch.json'), 'utf8')) as { rules: Record<string, { matches: string[] }> }
    const events = universe()
    const failures: string[] = []
    for (const [fileName, { matches }] of Object.entries(expected.rules)) {
      const file = files.find((f) => f.path.endsWith(`/${fileName}`))
      const rule = file && rules.find((r) => file.text.includes(`id: ${r.ref.id}`))
      if (!rule) {
        failures.push(`${fileName}: not loaded`)
        continue
      }
      const want = new Set(matches.map((m) => m.split(' ')[0]))
      const got = new Set(events.filter((e) => rule.match(e.event)).map((e) => e.label))
      for (const w of want) if (!got.has(w)) failures.push(`${fileName}: missed ${w}`)
      for (const g of got) if (!want.has(g)) failures.push(`${fileName}: unexpected match ${g}`)
    }
    expect(failures).toEqual([])
    expect(Object.keys(expected.rules)).toHaveLength(16)
  })

  it('the rule index never hides a match of the audit rules', () => {
    const audit = rules.filter((r) => r.logsource.product === 'kubernetes')
    const index = new RuleIndex(audit)
    const hidden: string[] = []
    let checked = 0
    for (const { label, event } of universe()) {
      const candidates = new Set(index.candidates(event, { product: 'kubernetes', service: 'audit' }))
      checked += candidates.size
      for (const r of audit) if (r.match(event) && !candidates.has(r)) hidden.push(`${r.ref.title} on ${label}`)
    }
    expect(hidden).toEqual([])
    expect(checked).toBeLessThan(audit.length * universe().length)
  })
})
