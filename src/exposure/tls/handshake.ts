import { X509Certificate } from 'node:crypto'
import { decodeDistinguishedName } from './dn.js'

/** What the server revealed in the clear part of a TLS 1.2 handshake. */
export interface HandshakeFacts {
  /** First byte of the answer: 0x16 handshake, 0x15 alert; anything else is not TLS. */
  firstByte?: number
  subject?: string
  issuer?: string
  certificateRequested: boolean
  acceptableCAs: string[]
  /** Description code of a fatal alert sent in the clear, e.g. 40 handshake_failure. */
  alert?: number
}

const HANDSHAKE = 22
const ALERT = 21
const CERTIFICATE = 11
const CERTIFICATE_REQUEST = 13

function u24(buf: Buffer, at: number): number {
  return (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ')
}

// Handshake messages may span records, so join the payloads of the leading handshake records.
function handshakeBytes(raw: Buffer, facts: HandshakeFacts): Buffer {
  const payloads: Buffer[] = []
  for (let at = 0; at + 5 <= raw.length; ) {
    const type = raw[at]!
    const length = raw.readUInt16BE(at + 3)
    if (at + 5 + length > raw.length) break
    if (type === ALERT && length >= 2) facts.alert = raw[at + 6]
    if (type !== HANDSHAKE) break
    payloads.push(raw.subarray(at + 5, at + 5 + length))
    at += 5 + length
  }
  return Buffer.concat(payloads)
}

function readCertificateRequest(body: Buffer, facts: HandshakeFacts): void {
  facts.certificateRequested = true
  let at = 1 + body[0]! // certificate_types
  at += 2 + body.readUInt16BE(at) // supported_signature_algorithms
  const end = at + 2 + body.readUInt16BE(at)
  for (at += 2; at + 2 <= end; ) {
    const length = body.readUInt16BE(at)
    facts.acceptableCAs.push(decodeDistinguishedName(body.subarray(at + 2, at + 2 + length)))
    at += 2 + length
  }
}

/**
 * Read the server's certificate and CertificateRequest (with its acceptable CA names) from the raw
 * bytes of a TLS 1.2 handshake, where both travel unencrypted. Node exposes neither the CA list nor
 * the certificate of a handshake that failed, which is the case we most want to report.
 * @example parseServerHandshake(rawBytes).acceptableCAs // ['CN=etcd-ca']
 */
export function parseServerHandshake(raw: Buffer): HandshakeFacts {
  const facts: HandshakeFacts = { firstByte: raw[0], certificateRequested: false, acceptableCAs: [] }
  const messages = handshakeBytes(raw, facts)
  for (let at = 0; at + 4 <= messages.length; ) {
    const type = messages[at]!
    const length = u24(messages, at + 1)
    if (at + 4 + length > messages.length) break
    const body = messages.subarray(at + 4, at + 4 + length)
    try {
      if (type === CERTIFICATE && length > 6) {
        const cert = new X509Certificate(body.subarray(6, 6 + u24(body, 3)))
        facts.subject = oneLine(cert.subject)
        facts.issuer = oneLine(cert.issuer)
      } else if (type === CERTIFICATE_REQUEST) readCertificateRequest(body, facts)
    } catch {
      // A malformed message leaves that fact unknown; the probe still reports what it has.
    }
    at += 4 + length
  }
  return facts
}
