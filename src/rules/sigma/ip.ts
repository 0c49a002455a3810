/** An IP address as a number with its family. */
export interface Ip {
  v6: boolean
  n: bigint
}

/**
 * Parse an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4; a zone id is ignored).
 * @example
 * parseIp('10.0.0.1') // { v6: false, n: 167772161n }
 */
export function parseIp(text: string): Ip | undefined {
  const s = text.trim().replace(/%.*$/, '')
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return parseV4(s)
  if (!s.includes(':')) return undefined
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s)
  if (mapped) return parseV4(mapped[1])
  let body = s
  const v4 = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body)
  if (v4) {
    const ip = parseV4(v4[1])
    if (!ip) return undefined
    body = `${body.slice(0, v4.index + 1)}${(ip.n >> 16n).toString(16)}:${(ip.n & 0xffffn).toString(16)}`
  }
  const halves = body.split('::')
  if (halves.length > 2) return undefined
  const read = (h: string): number[] | undefined => {
    if (h === '') return []
    const groups = h.split(':')
    const nums = groups.map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN))
    return nums.some(Number.isNaN) ? undefined : nums
  }
  const head = read(halves[0])
  const rest = halves.length === 2 ? read(halves[1]) : []
  if (!head || !rest) return undefined
  const all = rest
  const missing = 8 - head.length - all.length
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined
  const groups = [...head, ...Array<number>(missing).fill(0), ...all]
  return { v6: true, n: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) }
}

function parseV4(s: string): Ip | undefined {
  const parts = s.split('.').map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return { v6: false, n: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) }
}

/**
 * Compile a CIDR (`10.0.0.0/8`, `fe80::/10`, or a bare address) into a test on address text.
 * @example
 * compileCidr('10.0.0.0/8')?.('10.1.2.3') // true
 */
export function compileCidr(cidr: string): ((text: string) => boolean) | undefined {
  const [addr, bitsText] = cidr.trim().split('/')
  const net = parseIp(addr)
  if (!net) return undefined
  const width = net.v6 ? 128 : 32
  const bits = bitsText === undefined ? width : Number(bitsText)
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined
  if (!net.v6) {
    // IPv4 in plain 32-bit numbers: BigInt arithmetic per event cost more than the rest of the test.
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
    const base = (Number(net.n) & mask) >>> 0
    return (text) => {
      const v4 = addressOnce(text)
      return v4 !== undefined && (v4 & mask) >>> 0 === base
    }
  }
  const shift = BigInt(width - bits)
  const base = net.n >> shift
  return (text) => {
    if (addressOnce(text) !== undefined) return false
    const ip = lastIp
    return ip !== undefined && ip.v6 && ip.n >> shift === base
  }
}

// A rule lists many CIDRs and tests the same source IP against each in turn: read it once. The
// IPv4 value is a number; any other address is parsed in full (lastIp).
let lastText: string | undefined
let lastV4: number | undefined
let lastIp: Ip | undefined
function addressOnce(text: string): number | undefined {
  if (text !== lastText) {
    lastText = text
    lastV4 = dottedQuad(text)
    if (lastV4 === undefined) {
      lastIp = parseIp(text)
      if (lastIp && !lastIp.v6) lastV4 = Number(lastIp.n)
    }
  }
  return lastV4
}

// A plain dotted quad (the common case) without regular expressions or BigInt; anything else,
// spaces and zone ids included, is left to parseIp.
function dottedQuad(text: string): number | undefined {
  let value = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return undefined
      value = value * 256 + part
      part = 0
      digits = 0
      dots++
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3 || (part = part * 10 + c - 48) > 255) return undefined
    } else return undefined
  }
  return dots === 3 && digits > 0 ? value * 256 + part : undefined
}
