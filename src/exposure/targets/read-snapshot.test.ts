import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readClusterSnapshot } from './read-snapshot.js'

const dir = mkdtempSync(join(tmpdir(), 'kubesiem-snap-'))
const file = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name))

describe('--from-cluster', () => {
  test('a kubectl JSON snapshot', async () => {
    const path = file('c.json', JSON.stringify({ kind: 'List', items: [{ kind: 'Node', status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] } }] }))
    expect(await readClusterSnapshot(path)).toEqual(['10.0.0.5'])
  })

  test('a kubeconfig goes to the cluster reader; its API server is a target too', async () => {
    const path = file('kubeconfig', 'apiVersion: v1\nkind: Config\nclusters: []\n')
    const reader = async () => ({ server: 'https://10.0.0.1:6443', objects: { kind: 'List', items: [{ kind: 'Service', spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] } }] } })
    expect(await readClusterSnapshot(path, reader)).toEqual(['10.0.0.1:6443', '10.96.0.10:53'])
    await expect(readClusterSnapshot(path, async () => Promise.reject(new Error('connection refused')))).rejects.toMatchObject({ code: 'KUBESIEM_EXPOSURE_CLUSTER_UNREADABLE' })
  })

  test('unreadable or empty snapshots are usage errors', async () => {
    await expect(readClusterSnapshot(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE' })
    await expect(readClusterSnapshot(file('e.json', '{"kind":"List","items":[]}'))).rejects.toMatchObject({ code: 'KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE', status: 400 })
  })
})
