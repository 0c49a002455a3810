import { describe, expect, it } from 'vitest'
import { base64, base64offset, utf16, windashVariants } from './encodings.js'
import { compileCidr, parseIp } from './ip.js'

describe('encodings', () => {
  it('base64offset gives the three stable middles pySigma documents', () => {
    expect(base64offset({ text: 'http://', binary: false }).map((e) => e.text)).toEqual(['aHR0cDovL', 'h0dHA6Ly', 'odHRwOi8v'])
  })
  it('encodes UTF-16 variants as bytes', () => {
    expect(base64(utf16({ text: 'cmd', binary: false }, 'le')).text).toBe(Buffer.from('cmd', 'utf16le').toString('base64'))
    expect([...utf16({ text: 'cmd', binary: false }, 'be').text].map((c) => c.charCodeAt(0))).toEqual([0, 0x63, 0, 0x6d, 0, 0x64])
    expect([...utf16({ text: 'c', binary: false }, 'bom').text].map((c) => c.charCodeAt(0))).toEqual([0xff, 0xfe, 0x63, 0])
  })
  it('expands windash permutations with a limit', () => {
    expect(windashVariants('-a/')).toHaveLength(25)
    expect(windashVariants('------', 100)).toBeUndefined()
  })
})

describe('ip', () => {
  it('parses IPv4, IPv6, compressed and mapped forms', () => {
    expect(parseIp('10.0.0.1')).toEqual({ v6: false, n: 167772161n })
    expect(parseIp('::1')).toEqual({ v6: true, n: 1n })
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:0db8:0:0:0:0:0:1'))
    expect(parseIp('::ffff:10.0.0.1')).toEqual(parseIp('10.0.0.1'))
    expect(parseIp('64:ff9b::192.0.2.33')?.v6).toBe(true)
    expect(parseIp('1.2.3.256')).toBeUndefined()
    expect(parseIp('1::2::3')).toBeUndefined()
    expect(parseIp('hello')).toBeUndefined()
  })
  it('tests CIDR membership without mixing families', () => {
    expect(compileCidr('0.0.0.0/0')?.('8.8.8.8')).toBe(true)
    expect(compileCidr('0.0.0.0/0')?.('::1')).toBe(false)
    expect(compileCidr('64:ff9b::/96')?.('64:ff9b::192.0.2.33')).toBe(true)
    expect(compileCidr('10.0.0.0/33')).toBeUndefined()
  })
  it('agrees with the full parser on IPv4 edges (32-bit arithmetic, the mapped and spaced forms)', () => {
    const private10 = compileCidr('10.0.0.0/8')!
    const host = compileCidr('192.168.1.7/32')!
    const top = compileCidr('255.255.255.255/1')!
    const v6 = compileCidr('fe80::/10')!
    const cases: Array<[string, boolean, boolean, boolean, boolean]> = [
      ['10.255.255.255', true, false, false, false],
      ['11.0.0.0', false, false, false, false],
      ['010.1.2.3', true, false, false, false],
      [' 10.1.2.3 ', true, false, false, false],
      ['::ffff:10.1.2.3', true, false, false, false],
      ['192.168.1.7', false, true, true, false],
      ['192.168.1.8', false, false, true, false],
      ['255.255.255.255', false, false, true, false],
      ['127.0.0.1', false, false, false, false],
      ['10.1.2', false, false, false, false],
      ['10.1.2.3.4', false, false, false, false],
      ['10.1.2.256', false, false, false, false],
      ['fe80::1', false, false, false, true],
      ['fe80::1%eth0', false, false, false, true],
    ]
    // The same address twice in a row and then another: the one-address memo must not leak.
    for (const [ip, a, b, c, d] of [...cases, ...cases.slice().reverse()]) {
      expect([private10(ip), host(ip), top(ip), v6(ip)], ip).toEqual([a, b, c, d])
    }
  })
})
