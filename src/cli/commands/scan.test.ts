import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { scanInputs } from './scan.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe('scan --from-pod targets', () => {
  test('inside a pod: the API server from the service env and the node from the downward API', async () => {
    const token = join(mkdtempSync(join(tmpdir(), 'kubesiem-scan-')), 'token')
    writeFileSync(token, 'pod-token')
    process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1'
    process.env.KUBERNETES_SERVICE_PORT = '6443'
    process.env.HOST_IP = '127.0.0.2'
    const { targets, options } = await scanInputs([], { fromPod: true, tokenFile: token })
    expect(targets).toEqual(['127.0.0.1:6443', '127.0.0.2'])
    expect(options.fromPod).toMatchObject({ token: 'pod-token' })
  })

  test('outside a pod, a scan without targets is a usage error', async () => {
    delete process.env.KUBERNETES_SERVICE_HOST
    delete process.env.HOST_IP
    await expect(scanInputs([], {})).rejects.toThrow(/at least one TARGET/)
  })
})
