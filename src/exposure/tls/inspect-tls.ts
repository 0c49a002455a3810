import { connect as netConnect } from 'node:net'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'
import { isIP } from 'node:net'
import type { Endpoint, TlsInfo } from '../types.js'
import { ProbeFailure, toProbeFailure } from '../net/probe-failure.js'
import { parseServerHandshake } from './handshake.js'
import { RecordTap } from './record-tap.js'

/** What speaks on an open port: TLS (with what it showed), plain text, or a failure to list. */
export type SchemeProbe = { kind: 'tls'; tls: TlsInfo } | { kind: 'plain' } | { kind: 'failed'; failure: ProbeFailure }

// Enough for a certificate chain and a CertificateRequest with a long CA list.
const MAX_HANDSHAKE_BYTES = 64 * 1024
const PROTOCOL_VERSION_ALERT = 70

function peerNames(socket: TLSSocket): { subject?: string; issuer?: string } {
  const cert = socket.getPeerX509Certificate?.()
  const line = (name?: string): string | undefined => name?.split('\n').filter(Boolean).join(', ')
  return { subject: line(cert?.subject), issuer: line(cert?.issuer) }
}

function attempt(endpoint: Endpoint, timeoutMs: number, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<SchemeProbe & { retry?: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let received = 0
    const raw = netConnect({ host: endpoint.address, port: endpoint.port })
    let tls: TLSSocket | undefined
    let done = false
    const finish = (result: SchemeProbe & { retry?: boolean }): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      tls?.destroy()
      raw.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => {
      if (received > 0) return finish(classify(new Error('handshake did not complete in time')))
      finish({ kind: 'failed', failure: new ProbeFailure('KUBESIEM_EXPOSURE_NO_ANSWER', { target: endpoint.target, timeoutMs }) })
    }, timeoutMs)
    const classify = (error: Error | undefined): SchemeProbe & { retry?: boolean } => {
      const facts = parseServerHandshake(Buffer.concat(chunks))
      if (received === 0 || (facts.firstByte !== 0x16 && facts.firstByte !== 0x15)) return { kind: 'plain' }
      const info: TlsInfo = { subject: facts.subject, issuer: facts.issuer, acceptableCAs: facts.acceptableCAs, clientCertRequested: facts.certificateRequested, clientCertRequired: false }
      if (!error) return { kind: 'tls', tls: { ...info, ...(tls && !info.subject ? peerNames(tls) : {}) } }
      if (facts.certificateRequested) return { kind: 'tls', tls: { ...info, clientCertRequired: true } }
      if (facts.alert === PROTOCOL_VERSION_ALERT && maxVersion === 'TLSv1.2') return { kind: 'plain', retry: true }
      const alert = facts.alert === undefined ? '' : ` (alert ${facts.alert})`
      return { kind: 'failed', failure: new ProbeFailure('KUBESIEM_EXPOSURE_TLS_FAILED', { target: endpoint.target, detail: `${error.message}${alert}` }) }
    }
    let connected = false
    // After connect, a reset is an answer too: a multiplexed plain port (etcd's cmux) drops an
    // unmatched ClientHello unread, and the kernel sends RST instead of FIN. classify() decides.
    raw.once('error', (error) => finish(connected ? classify(error) : { kind: 'failed', failure: toProbeFailure(error, endpoint.target, 'TLS handshake') }))
    raw.once('connect', () => {
      connected = true
      timer.refresh()
      const tap = new RecordTap(raw, (chunk) => {
        if (received < MAX_HANDSHAKE_BYTES) chunks.push(chunk)
        received += chunk.length
      })
      // TLS 1.2 first: its Certificate and CertificateRequest are readable on the wire; 1.3 encrypts them.
      tls = tlsConnect({ socket: tap, servername: isIP(endpoint.host) ? undefined : endpoint.host, rejectUnauthorized: false, maxVersion })
      tls.once('secureConnect', () => finish(classify(undefined)))
      tls.once('error', (error) => finish(classify(error)))
      tls.once('close', () => finish(classify(new Error('connection closed during the handshake'))))
    })
  })
}

/**
 * Find out whether an open port speaks TLS, and if so which certificate it shows and whether it
 * asks for (or insists on) a client certificate, with the CA names it accepts. No HTTP is sent.
 * @example
 * const probe = await inspectTls(endpoint, 3000)
 * if (probe.kind === 'tls' && probe.tls.clientCertRequired) console.log(probe.tls.acceptableCAs)
 */
export async function inspectTls(endpoint: Endpoint, timeoutMs: number): Promise<SchemeProbe> {
  const first = await attempt(endpoint, timeoutMs, 'TLSv1.2')
  if (!first.retry) return first
  // A TLS 1.3-only server: the certificate is still known after the handshake, the CA list is not.
  const { retry: _, ...second } = await attempt(endpoint, timeoutMs, 'TLSv1.3')
  return second
}
