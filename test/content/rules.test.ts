// Every bundled rule, every sample, in one pass: each test collects all failures and fails once with the full list
// (elastic's BaseRuleTest), so a broken pack shows everything that is wrong with it at once.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { attack, byId, corrById, correlationHits, docs, loaded, readSamples, SAMPLES_DIR } from './pack.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical']
const STATUSES = ['experimental', 'test', 'stable', 'deprecated']

describe('bundled Sigma rule pack', () => {
  it('loads without errors', () => {
    const errors = loaded.problems.filter((p) => p.severity === 'error').map((p) => p.message)
    expect(errors).toEqual([])
    expect(loaded.rules.length).toBeGreaterThan(50)
    expect(loaded.correlations.length).toBeGreaterThanOrEqual(4)
  })

  it('every rule has complete, consistent metadata', () => {
    const failures: string[] = []
    const ids = new Set<string>()
    for (const { file, index, doc } of docs) {
      const where = `${file} #${index + 1}`
      const fail = (msg: string) => failures.push(`${where}: ${msg}`)
      if (typeof doc.title !== 'string' || !doc.title) fail('missing title')
      if (typeof doc.id !== 'string' || !UUID_V4.test(doc.id)) fail(`id ${doc.id} is not a UUID v4`)
      else if (ids.has(doc.id)) fail(`duplicate id ${doc.id}`)
      else ids.add(doc.id)
      if (typeof doc.description !== 'string' || doc.description.trim().length < 20) fail('missing description')
      if (!LEVELS.includes(doc.level)) fail(`level ${doc.level} is not one of ${LEVELS.join(', ')}`)
      if (!STATUSES.includes(doc.status)) fail(`status ${doc.status} is not one of ${STATUSES.join(', ')}`)
      if (doc.author !== 'kubesiem') fail('author must be kubesiem')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(doc.date))) fail('date must be YYYY-MM-DD')
      if (!Array.isArray(doc.references) || doc.references.length === 0) fail('missing references')
      if (!Array.isArray(doc.falsepositives) || doc.falsepositives.length === 0) fail('missing falsepositives')
      const tags: string[] = Array.isArray(doc.tags) ? doc.tags : []
      const techniques = tags.filter((t) => /^attack\.t\d{4}/.test(t)).map((t) => t.slice('attack.'.length).toUpperCase())
      if (techniques.length === 0) fail('no attack.tNNNN tag')
      for (const t of techniques) if (!attack.techniques[t]) fail(`technique ${t} is not in content/attack/techniques.json`)
      for (const t of tags.filter((t) => t.startsWith('attack.') && !/^attack\.t\d{4}/.test(t))) {
        if (!attack.tactics[t.slice('attack.'.length)]) fail(`tactic tag ${t} is not an ATT&CK tactic`)
      }
      if (doc.correlation === undefined) {
        if (doc.logsource?.product !== 'kubernetes' || doc.logsource?.service !== 'audit') fail('logsource must be kubernetes/audit')
        if (typeof doc.detection?.condition !== 'string') fail('missing detection.condition')
        const named = Object.keys(doc.detection ?? {}).filter((k) => k.startsWith('filter_'))
        // Only critical rules (anonymous writes, kubelet exec) may go without a named exclusion to tune.
        if (doc.level !== 'critical' && named.length === 0) fail('no named filter_* exclusion for tuning')
        if (named.length > 0 && !/not 1 of filter_\*/.test(doc.detection?.condition ?? '')) fail('filter_* blocks are not excluded by the condition')
        if (!byId.has(doc.id)) fail('did not compile')
      } else if (!corrById.has(doc.id)) fail('correlation did not build')
      if (index === 0) {
        // The file name starts with the primary tactic (elastic's test_rule_file_name_tactic).
        const base = path.basename(file, '.yml')
        const tactic = Object.keys(attack.tactics).find((t) => base.startsWith(`${t.replace(/-/g, '_')}_`))
        if (!tactic) fail('file name does not start with an ATT&CK tactic')
        else if (!tags.includes(`attack.${tactic}`)) fail(`file name says ${tactic} but tags lack attack.${tactic}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('every rule fires on its match samples and stays silent on its nomatch samples', () => {
    const failures: string[] = []
    const sampleDirs = new Set(fs.readdirSync(SAMPLES_DIR).filter((name) => name !== 'placeholders.json'))
    for (const { file, doc } of docs) {
      const samples = readSamples(doc.id)
      sampleDirs.delete(doc.id)
      if (!samples.some((s) => s.expect)) failures.push(`${file} (${doc.id}): no match-* sample`)
      if (!samples.some((s) => !s.expect)) failures.push(`${file} (${doc.id}): no nomatch-* sample`)
      for (const s of samples) {
        for (const e of s.events) {
          if (e.apiVersion !== 'audit.k8s.io/v1' || e.kind !== 'Event' || !e.auditID || !e.stage || !e.verb || !e.user || !e.requestReceivedTimestamp) {
            failures.push(`${doc.id}/${s.name}: not a complete audit.k8s.io/v1 Event`)
          }
        }
        if (doc.correlation !== undefined) {
          const hits = correlationHits(doc.id, file, s.events)
          if (hits < 0) failures.push(`${doc.id}/${s.name}: correlation did not build`)
          else if (s.expect !== hits > 0) failures.push(`${file} ${s.name}: expected ${s.expect ? 'a hit' : 'no hit'}, got ${hits}`)
          continue
        }
        const rule = byId.get(doc.id)
        if (!rule) continue
        if (s.events.length !== 1) failures.push(`${doc.id}/${s.name}: a single-event sample must hold one event`)
        const got = rule.match(s.events[0])
        if (got !== s.expect) failures.push(`${file} ${s.name}: expected ${s.expect ? 'match' : 'no match'}`)
      }
    }
    for (const orphan of sampleDirs) failures.push(`content/samples/${orphan}: no rule has this id`)
    expect(failures).toEqual([])
  })

  it('ATT&CK table is versioned and consistent', () => {
    const failures: string[] = []
    if (!/^enterprise-attack-v\d+/.test(attack.version)) failures.push(`version ${attack.version}`)
    for (const [id, t] of Object.entries(attack.techniques)) {
      if (!/^T\d{4}(\.\d{3})?$/.test(id)) failures.push(`bad technique id ${id}`)
      if (!t.name) failures.push(`${id}: no name`)
      for (const tactic of t.tactics) if (!attack.tactics[tactic]) failures.push(`${id}: unknown tactic ${tactic}`)
      const parent = id.split('.')[0]
      if (parent !== id && !attack.techniques[parent]) failures.push(`${id}: parent ${parent} missing`)
    }
    expect(failures).toEqual([])
  })
})
