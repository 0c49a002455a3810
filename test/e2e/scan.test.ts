import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ETCD_BIN, putKey, startEtcd, type TestEtcd } from '../fixtures/exposure/etcd.js'
import { runCli, runCliAsync } from './helpers.js'

// The built CLI against a real etcd (Debian etcd-server). In CI a missing etcd fails the suite.
const inCi = process.env.CI === 'true'
if (!ETCD_BIN && !inCi) console.warn('skipping scan e2e: /usr/bin/etcd not found (apt-get install etcd-server)')

describe.skipIf(!ETCD_BIN && !inCi)('kubesiem scan (built CLI, real etcd)', () => {
  let etcd: TestEtcd
  beforeAll(async () => {
    if (!ETCD_BIN) throw new Error('etcd is not installed but CI=true: install the apt package etcd-server')
    etcd = await startEtcd({})
    await putKey(etcd.host, etcd.client, '/registry/pods/default/web', '{}')
  })
  afterAll(async () => etcd?.stop())

  test('--format json: JSON Lines with exactly the posture keys; critical etcd; summary on stderr; exit 0', async () => {
    const run = await runCliAsync(['scan', `${etcd.host}:${etcd.client}`, '127.0.0.1:1', '10.0.0.0/8', '--format', 'json', '--timeout', '1500'])
    expect(run.status, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l))
    for (const line of lines) expect(Object.keys(line)).toEqual(['checkId', 'controls', 'severity', 'target', 'message', 'remediation', 'evidence'])
    const read = lines.find((l) => l.checkId === 'exposure.etcd.unauthenticated-kv-read')
    expect(read).toMatchObject({ severity: 'critical', target: `${etcd.host}:${etcd.client}`, evidence: { keys: ['/registry/pods/default/web'] } })
    expect(run.stderr).toMatch(/scanned 3 target argument\(s\): 2 endpoint\(s\), 1 open, 1 closed, 1 not probed/)
    expect(run.stderr).toContain('10.0.0.0/8: CIDR 10.0.0.0/8 holds 16777216 addresses')
  })

  test('table format', async () => {
    const run = await runCliAsync(['scan', `${etcd.host}:${etcd.client}`])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout, run.stderr).toMatch(/^SEVERITY\s+TARGET\s+CHECK\s+MESSAGE/)
    expect(run.stdout).toContain('CRITICAL')
  })

  test('usage errors exit 2', () => {
    expect(runCli(['scan', '127.0.0.1', '--ports', 'abc']).status).toBe(2)
    expect(runCli(['scan', '127.0.0.1', '--format', 'xml']).status).toBe(2)
    expect(runCli(['scan']).status).toBe(2)
  })
})
