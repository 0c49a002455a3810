import { readAuditFile } from '/work/main/dist/sources/k8s-audit-file/index.js'
import { prepareBatch } from '/work/main/dist/pipeline/stages.js'
import { openDuckDbStore } from '/work/main/dist/store/duckdb/store.js'
import { rmSync } from 'node:fs'
rmSync('/tmp/profdb', { recursive: true, force: true })
const store = await openDuckDbStore({ path: '/tmp/profdb/k.duckdb' })
const all = []
for await (const batch of readAuditFile('.bench/audit-20000.jsonl', { cluster: 'b' })) all.push(prepareBatch(batch, {}).events)
let t = performance.now()
for (const events of all) await store.appendEvents(events)
console.log('store', performance.now() - t)
await store.close()
