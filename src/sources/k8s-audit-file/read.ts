import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { KubesiemError } from '../../core/index.js'
import type { SourceRecord } from '../../pipeline/stages.js'
import { splitLines } from './lines.js'
import { parseAuditLine } from './parse-line.js'

export interface ReadOptions {
  cluster: string
  /** Records per yielded batch. */
  batchSize?: number
  source?: string
  /** Remember each line's text for the store (default true); offline detection stores nothing. */
  keepText?: boolean
  /** Called with the bytes read so far (of the file as stored, before gunzip). */
  onBytes?: (bytes: number) => void
}

/** A file bigger than this cannot be one JSON document: it is read as JSON Lines only. */
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await handle.close()
  }
}

function errorRecord(where: string, options: ReadOptions, error: KubesiemError): SourceRecord {
  return { where, source: options.source ?? 'k8s-audit', cluster: options.cluster, error, sample: '' }
}

// A line that opens a pretty-printed document ("{", "[", or `{"kind": "EventList",` cut short).
function opensDocument(firstLine: string): boolean {
  const text = firstLine.trim()
  if (text.startsWith('[')) return true
  if (!text.startsWith('{')) return false
  try {
    JSON.parse(text)
    return false
  } catch {
    return true
  }
}

/**
 * One of several readers of the same file, which share its blocks of `blockLines` lines without
 * sending lines around: each block is parsed by the reader that claims it first, so a reader whose
 * core is busy with other work takes fewer of them.
 */
export interface Shard {
  blockLines: number
  /** Whether this reader yields the file's tail (a whole-file document, read errors): exactly one does. */
  ownsTail: boolean
  /** Take block `block` unless another reader has; every reader asks for every block, in order. */
  claim: (block: number) => boolean
}

/**
 * Claims over a counter shared by the readers of one file (slot `slot` of `counters`, starting at
 * 0): the counter is the first block nobody took. A reader asks for every block in order, so when
 * it asks for block b the counter is b (nobody took it: it is this reader's) or past it.
 * @example const claim = blockClaims(new Int32Array(new SharedArrayBuffer(4)), 0); claim(0) // true
 */
export function blockClaims(counters: Int32Array, slot: number): (block: number) => boolean {
  return (block) => Atomics.compareExchange(counters, slot, block, block + 1) === block
}

/** Records of one block of lines; TAIL_BLOCK holds what comes after all lines (a document, read errors). */
export interface RecordBlock {
  block: number
  records: SourceRecord[]
}

/** The block number of a file's tail: a whole-file document and read errors, after every line block. */
export const TAIL_BLOCK = -1

/**
 * Read an audit log file: JSON Lines, one EventList (or array) document, or gzip of either,
 * in batches of source records. Damage is reported as error records at file:line and reading
 * goes on; a truncated gzip keeps every line read before the damage.
 * @example for await (const batch of readAuditFile('audit.log.gz', { cluster: 'prod' })) await pipeline.ingest(batch)
 */
export async function* readAuditFile(path: string, options: ReadOptions): AsyncGenerator<SourceRecord[]> {
  for await (const part of readBlocks(path, options)) yield part.records
}

/**
 * {@link readAuditFile} for one shard: the shard's line blocks in order, each yielded (empty or
 * not) once its lines are parsed, then, for shard 0 only, the tail.
 * @example for await (const { block, records } of readAuditFileShard(path, { cluster }, { index: 0, count: 2, blockLines: 2000 })) …
 */
export function readAuditFileShard(path: string, options: ReadOptions, shard: Shard): AsyncGenerator<RecordBlock> {
  return readBlocks(path, options, shard)
}

async function* readBlocks(path: string, options: ReadOptions, shard?: Shard): AsyncGenerator<RecordBlock> {
  const source = options.source ?? 'k8s-audit'
  const batchSize = options.batchSize ?? 2000
  const ownsTail = !shard || shard.ownsTail
  let gz: boolean
  let size: number
  try {
    size = (await stat(path)).size
    gz = await isGzip(path)
  } catch (error) {
    if (ownsTail) yield { block: TAIL_BLOCK, records: [errorRecord(path, options, new KubesiemError('KUBESIEM_INGEST_FILE_UNREADABLE', { where: path, detail: (error as Error).message }))] }
    return
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 })
  const stream = gz ? raw.pipe(createGunzip()) : raw
  raw.on('error', (error) => stream.destroy(error))
  let bytes = 0
  if (options.onBytes) raw.on('data', (chunk) => options.onBytes!((bytes += chunk.length)))
  let batch: SourceRecord[] = []
  let block = TAIL_BLOCK
  const tail: SourceRecord[] = []
  let document: Buffer[] | undefined
  try {
    // A shard makes only its own blocks' lines, once line 1 is known not to open a whole-file
    // document (splitLines splits a chunk only when this loop asks for it, so the flag is in time).
    // splitLines decides a whole chunk ahead of this loop, so the blocks claimed are remembered.
    let linesOnly = false
    let lastAsked = -1
    const mine = new Set<number>()
    const owns = (lineBlock: number): boolean => {
      while (lastAsked < lineBlock) if (shard!.claim(++lastAsked)) mine.add(lastAsked)
      return mine.has(lineBlock)
    }
    const keep = shard ? (n: number): boolean => !linesOnly || owns(Math.floor((n - 1) / shard.blockLines)) : undefined
    for await (const lines of splitLines(stream, { keep })) {
      for (const line of lines) {
        if (document) {
          document.push(line.bytes, Buffer.from('\n'))
          continue
        }
        if (line.number === 1 && (gz || size <= MAX_DOCUMENT_BYTES) && opensDocument(line.bytes.toString('utf8'))) {
          document = [line.bytes, Buffer.from('\n')]
          continue
        }
        linesOnly = true
        if (shard) {
          const lineBlock = Math.floor((line.number - 1) / shard.blockLines)
          if (!owns(lineBlock)) continue
          if (lineBlock !== block) {
            mine.delete(block)
            if (block !== TAIL_BLOCK) yield { block, records: batch }
            batch = []
            block = lineBlock
          }
        }
        const record = parseAuditLine(line.bytes, `${path}:${line.number}`, options.cluster, source, options.keepText)
        if (record) batch.push(record)
        if (!shard && batch.length >= batchSize) {
          yield { block, records: batch }
          batch = []
        }
      }
    }
  } catch (error) {
    tail.push(errorRecord(path, options, new KubesiemError('KUBESIEM_INGEST_BAD_GZIP', { where: path, detail: (error as Error).message })))
  }
  if (batch.length > 0 || block !== TAIL_BLOCK) yield { block, records: batch }
  if (document) {
    const record = parseAuditLine(Buffer.concat(document), `${path}:1`, options.cluster, source, options.keepText)
    if (record) tail.push(record)
  }
  if (ownsTail && tail.length > 0) yield { block: TAIL_BLOCK, records: tail }
}
