import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { auditEvent, CONFORMANCE, runCli, runCliAsync, startTestServer, tempDataDir } from './helpers.js'

const TRACES = join(CONFORMANCE, 'falco-k8saudit/trace_files')

describe('kubesiem CLI (the built bin, as a user runs it)', () => {
  test("ingest then search over Falco's 47 real audit traces; fal_01_003.json is reported, not fatal", () => {
    const data = tempDataDir()
    const files = readdirSync(TRACES).filter((f) => f.endsWith('.json')).map((f) => join(TRACES, f))
    expect(files).toHaveLength(47)
    const ingest = runCli(['ingest', ...files, '--data', data, '--cluster', 'falco'])
    expect(ingest.status, ingest.stderr).toBe(0)
    expect(ingest.stdout).toMatch(/^read 52, stored 49, duplicates 2, rejected 1$/m)
    expect(ingest.stdout).toContain('fal_01_003.json:1: not a Kubernetes audit event')
    const search = runCli(['search', '--data', data, '--resource', 'configmaps', '--verb', 'create', '--format', 'json'])
    expect(search.status, search.stderr).toBe(0)
    const events = search.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(events.length).toBeGreaterThan(0)
    for (const e of events) expect(e).toMatchObject({ cluster: 'falco', verb: 'create', objectRef: { resource: 'configmaps' } })
    const table = runCli(['search', '--data', data, '--user', 'minikube-user', '--limit', '2'])
    expect(table.stdout).toMatch(/^TIME\s+CLUSTER\s+USER/)
    expect(table.stdout).toMatch(/2 of \d+ events/)
    // Replaying the same files stores nothing new.
    expect(runCli(['ingest', ...files, '--data', data, '--cluster', 'falco']).stdout).toMatch(/stored 0, duplicates 51/)
  })

  test('usage and input errors exit 2 with a clear message', () => {
    const unknown = runCli(['search', '--bogus'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain("unknown option '--bogus'")
    const badTime = runCli(['search', '--data', tempDataDir(), '--from', 'yesterday'])
    expect(badTime.status).toBe(2)
    expect(badTime.stderr).toContain('bad query parameter "from"')
    const missing = runCli(['ingest', '/no/such/file.log', '--data', tempDataDir()])
    expect(missing.status).toBe(0)
    expect(missing.stdout).toContain('KUBESIEM_INGEST_FILE_UNREADABLE')
    const empty = tempDataDir()
    writeFileSync(join(empty, 'empty.log'), '\n\n')
    expect(runCli(['ingest', join(empty, 'empty.log'), '--data', empty]).status).toBe(2)
  })

  test('demo generate is deterministic and ingestible', () => {
    const dir = tempDataDir()
    runCli(['demo', 'generate', '--out', join(dir, 'a.jsonl'), '--events', '500'])
    runCli(['demo', 'generate', '--out', join(dir, 'b.jsonl'), '--events', '500'])
    const a = readFileSync(join(dir, 'a.jsonl'), 'utf8')
    expect(a).toBe(readFileSync(join(dir, 'b.jsonl'), 'utf8'))
    const lines = a.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.length).toBe(507)
    const users = new Set(lines.map((e) => e.user.username))
    expect(users).toContain('system:anonymous')
    expect([...users].some((u) => u.startsWith('system:node:'))).toBe(true)
    expect(lines.some((e) => e.objectRef.subresource === 'exec')).toBe(true)
    expect(lines.some((e) => e.requestObject?.roleRef?.name === 'cluster-admin')).toBe(true)
    expect(lines.some((e) => e.requestObject?.spec?.containers?.[0]?.securityContext?.privileged === true)).toBe(true)
    expect(new Set(lines.map((e) => e.objectRef.namespace)).size).toBeGreaterThan(4)
  })

  test('with a server running on the data folder, ingest and search go through its API', async () => {
    const server = await startTestServer()
    try {
      const file = join(server.dataDir, 'in.jsonl')
      writeFileSync(file, `${JSON.stringify(auditEvent('cli1'))}\n${JSON.stringify(auditEvent('cli2', { verb: 'delete' }))}\nnot json\n`)
      const ingest = await runCliAsync(['ingest', file, '--data', server.dataDir, '--cluster', 'via-api'])
      expect(ingest.status, ingest.stderr).toBe(0)
      expect(ingest.stdout).toMatch(/read 3, stored 2, duplicates 0, rejected 1/)
      const viaApi = await (await fetch(`${server.url}/api/events?cluster=via-api`, { headers: { authorization: `Bearer ${server.token}` } })).json()
      expect(viaApi.total).toBe(2)
      const search = await runCliAsync(['search', '--data', server.dataDir, '--verb', 'delete', '--format', 'json'])
      expect(search.status, search.stderr).toBe(0)
      expect(JSON.parse(search.stdout.trim()).id).toBe('cli2')
    } finally {
      await server.close()
    }
  })
})
