import https from 'node:https'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPki } from '../../../test/fixtures/exposure/fake-server.js'
import { inspectTls } from './inspect-tls.js'

// Node's own TLS server sends a CertificateRequest naming the CAs in its `ca` option, as Go's does.
describe('TLS probe', () => {
  const servers: https.Server[] = []
  const start = async (options: https.ServerOptions): Promise<number> => {
    const pki = testPki()
    const server = https.createServer({ cert: pki.pem(pki.serverCert), key: pki.pem(pki.serverKey), ...options }, (_q, r) => r.end('ok'))
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }
  const endpoint = (port: number) => ({ host: '127.0.0.1', address: '127.0.0.1', port, target: `127.0.0.1:${port}` })
  let required: number, optional: number, plain: number
  beforeAll(async () => {
    required = await start({ requestCert: true, rejectUnauthorized: true, ca: testPki().pem(testPki().caCert) })
    optional = await start({ requestCert: true, rejectUnauthorized: false, ca: testPki().pem(testPki().caCert) })
    plain = await start({})
  })
  afterAll(() => servers.forEach((s) => s.close()))

  test('client certificate required: subject, issuer and acceptable CAs from the handshake', async () => {
    expect(await inspectTls(endpoint(required), 2000)).toEqual({ kind: 'tls', tls: { subject: 'CN=etcd-server', issuer: 'CN=etcd-ca', acceptableCAs: ['CN=etcd-ca'], clientCertRequested: true, clientCertRequired: true } })
  })

  test('client certificate optional (as kube-apiserver and kubelet ask)', async () => {
    expect(await inspectTls(endpoint(optional), 2000)).toMatchObject({ kind: 'tls', tls: { acceptableCAs: ['CN=etcd-ca'], clientCertRequested: true, clientCertRequired: false } })
  })

  test('no client certificate asked', async () => {
    expect(await inspectTls(endpoint(plain), 2000)).toMatchObject({ kind: 'tls', tls: { subject: 'CN=etcd-server', clientCertRequested: false, clientCertRequired: false } })
  })

  // etcd multiplexes its client port (cmux): a ClientHello matches no protocol and the connection
  // is dropped with the hello unread, which the kernel turns into a reset. That is a plain port.
  test('a reset in answer to the ClientHello means plain text, not a failed probe', async () => {
    const resetter: Server = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve))
    try {
      expect(await inspectTls(endpoint((resetter.address() as AddressInfo).port), 2000)).toEqual({ kind: 'plain' })
    } finally {
      resetter.close()
    }
  })
})
