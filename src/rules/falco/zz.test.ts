import { readFileSync, readdirSync } from 'node:fs'
import { it } from 'vitest'
import { loadFalcoRules, isK8sAuditEvent } from './index.js'
const R = '/work/shared/conformance/falco-k8saudit/'
it('bench', () => {
  const { rules } = loadFalcoRules([{ path: 'a', text: readFileSync(R + 'rules/k8s_audit_rules.yaml', 'utf8') }])
  const evs = readdirSync(R + 'trace_files').flatMap((f) => readFileSync(R + 'trace_files/' + f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))).filter(isK8sAuditEvent)
  for (const r of rules) {
    const t = performance.now()
    for (let i = 0; i < 200; i++) for (const ev of evs) r.match(ev)
    const ms = performance.now() - t
    if (ms > 15) console.log(r.ref.title, ms.toFixed(1))
  }
  const t = performance.now()
  for (let i = 0; i < 200; i++) for (const ev of evs) { for (const r of rules) r.match(ev) }
  console.log('ev/s', (evs.length * 200) / (performance.now() - t) * 1000)
})
