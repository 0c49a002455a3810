import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { runDemoGenerate } from '../cli/commands/demo.js'
import { ingestFile } from './ingest-bench.js'
import { parseFloor, timeIt } from './measure.js'
import { webhookLatency } from './webhook-bench.js'

// `npm run bench [-- --quick]`: the spine's figures for BENCHMARKS.md, measured in one run so the
// ratios compare like with like on a noisy machine.
const quick = process.argv.includes('--quick')
const dir = resolve('.bench')
mkdirSync(dir, { recursive: true })

async function file(events: number): Promise<string> {
  const path = join(dir, `audit-${events}.jsonl`)
  if (!existsSync(path)) await runDemoGenerate({ out: path, events, seed: 11 })
  return path
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`
console.log(`machine: ${machine}`)

const small = await file(quick ? 20_000 : 200_000)
const lines = Number(execFileSync('wc', ['-l', small]).toString().trim().split(' ')[0])
const floor = await timeIt(lines, () => parseFloor(small))
const ingest = await timeIt(lines, () => ingestFile(small, join(dir, 'db-small')))
console.log(`file: ${lines} events, ${Math.round(statSync(small).size / 1048576)} MB`)
console.log(`floor (JSON.parse of each line): ${Math.round(floor.perSecond)} events/s (${floor.seconds.toFixed(2)} s)`)
console.log(`ingest into DuckDB:              ${Math.round(ingest.perSecond)} events/s (${ingest.seconds.toFixed(2)} s)`)
console.log(`ingest / floor: ${((ingest.perSecond / floor.perSecond) * 100).toFixed(1)}% (aim >= 25%)`)

const big = await file(quick ? 200_000 : 2_000_000)
const bigRun = await ingestFile(big, join(dir, 'db-big'))
console.log(`peak RSS ingesting ${bigRun.stored} events: ${bigRun.peakRssMb} MB (aim <= 400 MB)`)

const hook = await webhookLatency(join(dir, 'webhook'), quick ? 30 : 200, 1000)
console.log(`webhook EventList of 1000 events, ack latency over loopback: p50 ${hook.p50} ms, p99 ${hook.p99} ms, max ${hook.max} ms (aim p99 <= 50 ms)`)
rmSync(join(dir, 'db-small'), { recursive: true, force: true })
rmSync(join(dir, 'db-big'), { recursive: true, force: true })
rmSync(join(dir, 'webhook'), { recursive: true, force: true })
