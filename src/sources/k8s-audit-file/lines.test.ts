import { Readable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { splitLines } from './lines.js'

const TEXT = 'first line\nsecond\n\nfourth is longer than a chunk\nfifth\nlast without newline'

async function split(chunkSize: number, options: Parameters<typeof splitLines>[1] = {}) {
  const bytes = Buffer.from(TEXT)
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => bytes.subarray(i * chunkSize, (i + 1) * chunkSize))
  const out: Array<[number, string, number]> = []
  for await (const lines of splitLines(Readable.from(chunks), options)) for (const l of lines) out.push([l.number, l.bytes.toString(), l.endOffset])
  return out
}

describe('splitLines', () => {
  test('gives the same lines, numbers and offsets however the bytes are chunked', async () => {
    const whole = await split(1 << 20)
    expect(whole).toEqual([[1, 'first line', 11], [2, 'second', 18], [3, '', 19], [4, 'fourth is longer than a chunk', 49], [5, 'fifth', 55], [6, 'last without newline', 75]])
    for (const size of [1, 3, 7, 11, 16]) expect(await split(size), `chunks of ${size}`).toEqual(whole)
  })

  test('with keep, makes only the lines it accepts and still counts every line', async () => {
    const whole = await split(1 << 20)
    for (const size of [1, 5, 1 << 20]) expect(await split(size, { keep: (n) => n % 2 === 0 })).toEqual(whole.filter(([n]) => n % 2 === 0))
    expect(await split(4, { emitPartial: false, startOffset: 100, startLine: 10 })).toEqual(whole.slice(0, 5).map(([n, text, end]) => [n + 9, text, end + 100]))
  })
})
