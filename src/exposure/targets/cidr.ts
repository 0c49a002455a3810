import { isIP } from 'node:net'

/** An IPv4 CIDR, expanded, or why it could not be. */
export type CidrExpansion = { addresses: string[] } | { tooLarge: number } | { invalid: string }

function toInt(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0)
}

function toAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/**
 * Expand an IPv4 CIDR to its addresses, refusing more than `max` (a /8 typo must not start a scan
 * of 16 million hosts). The network and broadcast addresses are kept: nodes may own them.
 * @example expandCidr('127.1.0.0/30', 1024) // { addresses: ['127.1.0.0', '127.1.0.1', '127.1.0.2', '127.1.0.3'] }
 */
export function expandCidr(text: string, max: number): CidrExpansion {
  const [base, bits] = text.split('/')
  const prefix = Number(bits)
  if (isIP(base ?? '') === 6) return { invalid: 'IPv6 ranges are not expanded; list the addresses' }
  if (isIP(base ?? '') !== 4 || !/^\d+$/.test(bits ?? '') || prefix > 32) return { invalid: 'expected an IPv4 address and a prefix length 0-32' }
  const size = 2 ** (32 - prefix)
  if (size > max) return { tooLarge: size }
  const start = prefix === 0 ? 0 : (toInt(base!) & (~0 << (32 - prefix))) >>> 0
  return { addresses: Array.from({ length: size }, (_, i) => toAddress(start + i)) }
}
