import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { SourceRecord } from '../../pipeline/stages.js'
import { blockClaims, readAuditFile, readAuditFileShard, TAIL_BLOCK, type RecordBlock } from './read.js'

const dir = mkdtempSync(join(tmpdir(), 'kubesiem-read-'))
const ev = (id: string) => ({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: id, stage: 'ResponseComplete', verb: 'get' })

async function readAll(path: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = []
  for await (const batch of readAuditFile(path, { cluster: 'c', batchSize: 2 })) out.push(...batch)
  return out
}

const summary = (records: SourceRecord[]) => records.map((r) => ('error' in r ? `${r.where} ${r.error.code}` : `${r.where} ok`))

describe('readAuditFile', () => {
  test('reads JSON Lines, naming file:line for a malformed line and skipping blanks', async () => {
    const path = join(dir, 'a.log')
    writeFileSync(path, `${JSON.stringify(ev('1'))}\n{"broken": \n\n${JSON.stringify(ev('3'))}\n`)
    expect(summary(await readAll(path))).toEqual([`${path}:1 ok`, `${path}:2 KUBESIEM_INGEST_BAD_JSON`, `${path}:4 ok`])
  })

  test('reads a pretty-printed EventList document', async () => {
    const path = join(dir, 'list.json')
    writeFileSync(path, JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [ev('1'), ev('2')] }, null, 2))
    const records = await readAll(path)
    expect(records).toHaveLength(1)
    expect('value' in records[0]! && (records[0]!.value as { items: unknown[] }).items).toHaveLength(2)
  })

  test('reads gzip of JSON Lines', async () => {
    const path = join(dir, 'a.log.gz')
    writeFileSync(path, gzipSync(`${JSON.stringify(ev('1'))}\n${JSON.stringify(ev('2'))}\n`))
    expect(summary(await readAll(path))).toEqual([`${path}:1 ok`, `${path}:2 ok`])
  })

  test('a truncated gzip keeps what was read and reports the damage', async () => {
    const path = join(dir, 'cut.log.gz')
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify(ev(String(i)))).join('\n')
    const full = gzipSync(lines)
    writeFileSync(path, full.subarray(0, Math.floor(full.length * 0.6)))
    const records = await readAll(path)
    const ok = records.filter((r) => !('error' in r)).length
    expect(ok).toBeGreaterThan(100)
    expect(summary(records).at(-1)).toBe(`${path} KUBESIEM_INGEST_BAD_GZIP`)
  })

  test('invalid UTF-8 on one line is named; the next line is still read', async () => {
    const path = join(dir, 'utf.log')
    writeFileSync(path, Buffer.concat([Buffer.from('{"auditID":"\xff'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n'), Buffer.from(`${JSON.stringify(ev('2'))}\n`)]))
    expect(summary(await readAll(path))).toEqual([`${path}:1 KUBESIEM_INGEST_BAD_UTF8`, `${path}:2 ok`])
  })

  test('a missing file is one error record, not an exception', async () => {
    expect(summary(await readAll(join(dir, 'nope.log')))).toEqual([`${join(dir, 'nope.log')} KUBESIEM_INGEST_FILE_UNREADABLE`])
  })
})

describe('readAuditFileShard', () => {
  const show = (path: string, { block, records }: RecordBlock) => `${block}:${summary(records).map((s) => s.replace(`${path}:`, '')).join(',')}`
  // Two readers, one after the other, with claims fixed in advance: even blocks to reader 0.
  const shards = async (path: string) => {
    const out: string[][] = []
    for (const index of [0, 1]) {
      const seen: string[] = []
      for await (const part of readAuditFileShard(path, { cluster: 'c' }, { blockLines: 2, ownsTail: index === 0, claim: (b) => b % 2 === index })) seen.push(show(path, part))
      out.push(seen)
    }
    return out
  }

  test('blocks go to whichever reader claims them first, each exactly once, through a shared counter', async () => {
    const path = join(dir, 'claims.log')
    writeFileSync(path, Array.from({ length: 41 }, (_, i) => JSON.stringify(ev(String(i + 1)))).join('\n') + '\n')
    const counters = new Int32Array(new SharedArrayBuffer(8))
    const readers = [0, 1].map((index) => readAuditFileShard(path, { cluster: 'c' }, { blockLines: 3, ownsTail: index === 0, claim: blockClaims(counters, 1) }))
    const seen: string[][] = [[], []]
    // Reader 0 asks twice for each time reader 1 asks, as a reader on a faster core would; then
    // reader 1 alone, then both to the end (a reader holds a claimed block until it is complete).
    for (const turn of [0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]) {
      const next = await readers[turn].next()
      if (!next.done) seen[turn].push(show(path, next.value))
    }
    for (const turn of [0, 1]) for await (const part of readers[turn]) seen[turn].push(show(path, part))
    const all = [...seen[0], ...seen[1]].sort((a, b) => parseInt(a) - parseInt(b))
    expect(all.map((s) => parseInt(s))).toEqual(Array.from({ length: 14 }, (_, i) => i))
    expect(all.flatMap((s) => s.split(':')[1].split(',')).map((s) => parseInt(s))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1))
    expect(seen[0].length).toBeGreaterThan(2)
    expect(seen[1].length).toBeGreaterThan(2)
    expect(counters[0]).toBe(0)
  })

  test('each shard parses only its blocks, every one of them yielded, empty or not; the tail belongs to shard 0', async () => {
    const path = join(dir, 'shards.log')
    writeFileSync(path, [ev('1'), ev('2'), ev('3')].map((e) => JSON.stringify(e)).join('\n') + '\n\n\n' + JSON.stringify(ev('6')) + '\n')
    expect(await shards(path)).toEqual([['0:1 ok,2 ok', '2:6 ok'], ['1:3 ok']])
  })

  test('a whole-file document and read errors come once, in shard 0\'s tail', async () => {
    const list = join(dir, 'shard-list.json')
    writeFileSync(list, JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [ev('1')] }, null, 2))
    expect(await shards(list)).toEqual([[`${TAIL_BLOCK}:1 ok`], []])
    const missing = join(dir, 'no-such-file.log')
    expect(await shards(missing)).toEqual([[`${TAIL_BLOCK}:${missing} KUBESIEM_INGEST_FILE_UNREADABLE`], []])
  })
})
