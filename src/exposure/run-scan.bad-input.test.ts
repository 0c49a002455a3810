import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../test/fixtures/exposure/fake-server.js'
import { runScan } from './run-scan.js'

async function rawServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; target: string }> {
  const server = createServer(onConnection)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, target: `127.0.0.1:${(server.address() as AddressInfo).port}` }
}

// A fatal TLS alert record (handshake_failure) sent in answer to any ClientHello.
const TLS_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])

describe('bad input: one bad target never stops the scan', () => {
  let silent: Awaited<ReturnType<typeof rawServer>>, alert: Awaited<ReturnType<typeof rawServer>>, flood: Fake, good: Fake
  const sockets: Socket[] = []
  beforeAll(async () => {
    silent = await rawServer((s) => void sockets.push(s))
    alert = await rawServer((s) => s.once('data', () => s.end(TLS_ALERT)))
    // Streams without end: 64 KiB chunks as fast as the socket drains, until the client goes away.
    flood = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = (): void => { while (res.write(chunk)); }
      res.on('drain', pump)
      pump()
    })
    good = await startFake((req, res) => (req.url === '/api/v2.0/machine' ? send(res, 200, { num_cores: 1, machine_id: 'm' }) : send(res, 404, 'no')))
  })
  afterAll(async () => {
    sockets.forEach((s) => s.destroy())
    await Promise.all([new Promise((r) => silent.server.close(r)), new Promise((r) => alert.server.close(r)), flood.close(), good.close()])
  })

  test('unresolvable host, silent port, endless stream, failed TLS handshake, oversized CIDR, public address', async () => {
    const started = Date.now()
    const report = await runScan(['no-such-host.invalid', silent.target, flood.target, alert.target, '10.0.0.0/8', '192.0.2.0/33', '203.0.113.7:443', good.target], { ...TEST_SCAN, timeoutMs: 800, maxBytes: 1024 * 1024 })
    // The silent port costs two timeouts (TLS probe, then one plain HTTP GET); nothing else waits.
    expect(Date.now() - started).toBeLessThan(10_000)
    const why = Object.fromEntries(report.unprobed.map((u) => [u.target, u.code]))
    expect(why).toEqual({
      'no-such-host.invalid': 'KUBESIEM_EXPOSURE_UNRESOLVABLE',
      [silent.target]: 'KUBESIEM_EXPOSURE_NO_ANSWER',
      [alert.target]: 'KUBESIEM_EXPOSURE_TLS_FAILED',
      '10.0.0.0/8': 'KUBESIEM_EXPOSURE_CIDR_TOO_LARGE',
      '192.0.2.0/33': 'KUBESIEM_EXPOSURE_BAD_TARGET',
      '203.0.113.7': 'KUBESIEM_EXPOSURE_NOT_ALLOWED',
    })
    expect(report.notes.some((n) => n.target === flood.target && n.code === 'KUBESIEM_EXPOSURE_ANSWER_CUT')).toBe(true)
    // The good target after all of them was still scanned.
    expect(report.findings.map((f) => f.target)).toEqual([good.target])
  })
})
