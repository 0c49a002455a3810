import type { Readable } from 'node:stream'

/** One line of a byte stream, with its 1-based number and the byte offset just past it. */
export interface Line {
  number: number
  bytes: Buffer
  endOffset: number
}

/**
 * Split a byte stream into lines without decoding it, so that invalid UTF-8 is caught per line
 * and byte offsets stay exact (the follower saves them). Lines come in one array per chunk read:
 * an async step per line cost more than parsing it. A last line without a newline is yielded
 * only when `emitPartial` is set: a growing log's last line may still be half written.
 * @example for await (const lines of splitLines(createReadStream(path))) for (const line of lines) …
 */
export async function* splitLines(stream: Readable, options: { startOffset?: number; startLine?: number; emitPartial?: boolean } = {}): AsyncGenerator<Line[]> {
  let carry: Buffer = Buffer.alloc(0)
  let offset = options.startOffset ?? 0
  let number = (options.startLine ?? 1) - 1
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk
    const lines: Line[] = []
    let start = 0
    let newline = buffer.indexOf(10, start)
    while (newline !== -1) {
      number += 1
      offset += newline + 1 - start
      lines.push({ number, bytes: buffer.subarray(start, newline), endOffset: offset })
      start = newline + 1
      newline = buffer.indexOf(10, start)
    }
    carry = Buffer.from(buffer.subarray(start))
    if (lines.length > 0) yield lines
  }
  if (carry.length > 0 && options.emitPartial !== false) {
    number += 1
    offset += carry.length
    yield [{ number, bytes: carry, endOffset: offset }]
  }
}
