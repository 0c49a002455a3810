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
})
