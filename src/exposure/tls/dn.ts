// Attribute type OIDs of X.501 names (RFC 4519) that certificates use in practice.
const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.5': 'serialNumber', '1.2.840.113549.1.9.1': 'emailAddress',
}

interface Tlv {
  tag: number
  start: number
  end: number
}

function readTlv(buf: Buffer, offset: number): Tlv {
  const tag = buf[offset]!
  let length = buf[offset + 1]!
  let start = offset + 2
  if (length & 0x80) {
    const octets = length & 0x7f
    length = 0
    for (let i = 0; i < octets; i++) length = length * 256 + buf[start + i]!
    start += octets
  }
  if (start + length > buf.length) throw new RangeError('truncated DER')
  return { tag, start, end: start + length }
}

function decodeOid(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40]
  let value = 0
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f)
    if (!(byte & 0x80)) {
      parts.push(value)
      value = 0
    }
  }
  return parts.join('.')
}

function decodeString(tag: number, bytes: Buffer): string {
  if (tag === 0x1e) return Buffer.from(bytes).swap16().toString('utf16le') // BMPString is UTF-16BE
  return bytes.toString(tag === 0x0c ? 'utf8' : 'latin1')
}

/**
 * Decode a DER X.501 Name (as a TLS CertificateRequest lists acceptable CAs) to `CN=etcd-ca, O=k8s`,
 * in the order the name is encoded (as Node's X509Certificate prints subjects).
 * @example decodeDistinguishedName(der) // 'CN=etcd-ca'
 */
export function decodeDistinguishedName(der: Buffer): string {
  const name = readTlv(der, 0)
  const parts: string[] = []
  for (let setAt = name.start; setAt < name.end; ) {
    const set = readTlv(der, setAt)
    for (let atvAt = set.start; atvAt < set.end; ) {
      const atv = readTlv(der, atvAt)
      const oid = readTlv(der, atv.start)
      const value = readTlv(der, oid.end)
      const type = decodeOid(der.subarray(oid.start, oid.end))
      parts.push(`${NAMES[type] ?? type}=${decodeString(value.tag, der.subarray(value.start, value.end))}`)
      atvAt = atv.end
    }
    setAt = set.end
  }
  return parts.join(', ')
}
