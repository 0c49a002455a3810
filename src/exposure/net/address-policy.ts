import { BlockList, isIP } from 'node:net'

// Ranges no one on the internet can route to us: RFC 1918, CGNAT (RFC 6598), loopback, link-local
// (where pods meet the cloud metadata service), IPv6 ULA and link-local.
const LOCAL = new BlockList()
for (const [net, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16]] as const) LOCAL.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['fc00::', 7], ['fe80::', 10], ['::1', 128]] as const) LOCAL.addSubnet(net, prefix, 'ipv6')

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4'
}

/**
 * True for private, loopback and link-local addresses; anything else needs `--allow`.
 * @example isLocalAddress('10.1.2.3') // true; isLocalAddress('8.8.8.8') // false
 */
export function isLocalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  return mapped ? LOCAL.check(mapped, 'ipv4') : LOCAL.check(address, family(address))
}

/**
 * True for 127.0.0.0/8 and ::1.
 * @example isLoopback('127.1.0.5') // true
 */
export function isLoopback(address: string): boolean {
  return LOOPBACK.check(address, family(address))
}
