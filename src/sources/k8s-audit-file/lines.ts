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
 * only when `emitPartial` is set: a growing log's last line may still be half written. With
 * `keep`, only the lines it accepts are made (numbers and offsets still count every line): a
 * detection worker reads its own share of a file.
 * @example for await (const lines of splitLines(createReadStream(path))) for (const line of lines) …
 */
export async function* splitLines(stream: Readable, options: { startOffset?: number; startLine?: number; emitPartial?: boolean; keep?: (line: number) => boolean } = {}): AsyncGenerator<Line[]> {
  const keep = options.keep
  let carry: Buffer = Buffer.alloc(0)
  let offset = options.startOffset ?? 0
  let number = (options.startLine ?? 1) - 1
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let newline = chunk.indexOf(10)
    if (newline === -1) {
      carry = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk)
      continue
    }
    const lines: Line[] = []
    let start = 0
    // A line begun in the last chunk: only its own bytes are joined, not the whole new chunk.
    if (carry.length > 0) {
      number += 1
      offset += carry.length + newline + 1
      if (!keep || keep(number)) lines.push({ number, bytes: Buffer.concat([carry, chunk.subarray(0, newline)]), endOffset: offset })
      start = newline + 1
      newline = chunk.indexOf(10, start)
    }
    while (newline !== -1) {
      number += 1
      offset += newline + 1 - start
      if (!keep || keep(number)) lines.push({ number, bytes: chunk.subarray(start, newline), endOffset: offset })
      start = newline + 1
      newline = chunk.indexOf(10, start)
    }
    carry = Buffer.from(chunk.subarray(start))
    if (lines.length > 0) yield lines
  }
  if (carry.length > 0 && options.emitPartial !== false) {
    number += 1
    offset += carry.length
    if (!keep || keep(number)) yield [{ number, bytes: carry, endOffset: offset }]
  }
}
