import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { runStoreTests, sampleEvent } from '../store.case.test.js'
import { openDuckDbStore } from './store.js'

runStoreTests({ newStore: () => openDuckDbStore({ path: ':memory:' }) })

describe('the store file', () => {
  it('keeps events across a reopen, and another process cannot open it while it is open', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubesiem-store-')), 'kubesiem.duckdb')
    const first = await openDuckDbStore({ path })
    await first.appendEvents([{ id: 'e1', time: '2026-03-01T10:00:00.000Z', source: 'k8s-audit', cluster: 'c', stage: 'ResponseComplete', verb: 'get', user: { name: 'u', groups: [] }, sourceIPs: [], userAgent: '', objectRef: {}, requestURI: '/', payload: { auditID: 'e1' } }])
    // The other process runs the build (npm test builds first), as the CLI would.
    const opener = `import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../../dist/store/duckdb/store.js')).href)}).then((m) => m.openDuckDbStore({ path: ${JSON.stringify(path)} })).then(() => console.log('opened'), (e) => console.log(e.code))`
    const other = spawnSync(process.execPath, ['--input-type=module', '-e', opener], { encoding: 'utf8' })
    expect(other.stdout.trim()).toBe('KUBESIEM_STORE_LOCKED')
    await first.close()
    const again = await openDuckDbStore({ path })
    expect(await again.countEvents()).toBe(1)
    await again.close()
  })

  it('writes the payload column with ZSTD (an older storage format would silently leave it uncompressed)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubesiem-store-')), 'kubesiem.duckdb')
    const store = await openDuckDbStore({ path })
    await store.appendEvents(Array.from({ length: 100 }, (_, i) => sampleEvent({ id: `z${i}` })))
    await store.close()
    const instance = await DuckDBInstance.create(path)
    try {
      const reader = await (await instance.connect()).runAndReadAll("SELECT DISTINCT compression FROM pragma_storage_info('events') WHERE column_name = 'payload' AND segment_type = 'VARCHAR'")
      expect(reader.getRowObjectsJS()).toEqual([{ compression: 'ZSTD' }])
    } finally {
      instance.closeSync()
    }
  })
})
