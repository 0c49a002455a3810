import fs from 'node:fs'
import path from 'node:path'
import { it } from 'vitest'
import { loadSigmaRules } from '../../src/rules/sigma/index.js'
it('debug', () => {
  const dir = 'content/rules/k8s-audit'
  const files = fs.readdirSync(dir).map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }))
  const r = loadSigmaRules(files, { maxGroups: 1000, maxEventsPerGroup: 1000, warnNotIndexable: true })
  console.log(r.problems.map((p) => p.severity + ' ' + p.message).join('\n'))
  const fileOf = new Map<string, string>()
  for (const f of files) { const m = /^id: (\S+)/m.exec(f.text); if (m) fileOf.set(m[1], f.path) }
  for (const line of fs.readFileSync('../shared/conformance/panther-kubernetes/tests.jsonl', 'utf8').trim().split('\n')) {
    const t = JSON.parse(line)
    if (!t.expected_result || !t.native_k8s_audit_shape) continue
    const vs = t.log.stage ? [t.log] : [{ ...t.log, stage: 'ResponseStarted' }, { ...t.log, stage: 'ResponseComplete' }]
    const hits = r.rules.filter((x) => vs.some((v) => x.match(v))).map((x) => (fileOf.get(x.ref.id) ?? x.ref.title) + ':' + x.severity)
    console.log(t.rule_id, '|', t.test_name, '=>', hits.join(', ') || 'NONE')
  }
})
