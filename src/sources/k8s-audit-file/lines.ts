import type { Readable } from 'node:stream'

/** One line of a byte stream, with its 1-based number and the byte offset just past it. */
export interface Line {
  number: number
  bytes: Buffer
  endOffset: number
}

/**
 * Split a byte stream into lines without decoding it, so that invalid UTF-8 is caught per line
 * and byte offsets stay exact (the follower saves them). A last line without a newline is yielded
 * only when `emitPartial` is set: a growing log's last line may still be half written.
 * @example for await (const line of splitLines(createReadStream(path))) …
 */
export async function* splitLines(stream: Readable, options: { startOffset?: number; startLine?: number; emitPartial?: boolean } = {}): AsyncGenerator<Line> {
  let carry: Buffer = Buffer.alloc(0)
  let offset = options.startOffset ?? 0
  let number = (options.startLine ?? 1) - 1
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk
    let start = 0
    let newline = buffer.indexOf(10, start)
    while (newline !== -1) {
      number += 1
      offset += newline + 1 - start
      yield { number, bytes: buffer.subarray(start, newline), endOffset: offset }
      start = newline + 1
      newline = buffer.indexOf(10, start)
    }
    carry = Buffer.from(buffer.subarray(start))
    buffer = carry
  }
  if (carry.length > 0 && options.emitPartial !== false) {
    number += 1
    offset += carry.length
    yield { number, bytes: carry, endOffset: offset }
  }
}
