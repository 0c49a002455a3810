import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { runDemoGenerate } from '../cli/commands/demo.js'
import { detectBench } from './detect-bench.js'
import { ingestFile, ingestFileInChild } from './ingest-bench.js'
import { ratioRounds, type RatioRounds } from './measure.js'
import { postureBench } from './posture-bench.js'
import { scanBench } from './scan-bench.js'
import { uiBench } from './ui-bench.js'
import { webhookLatency } from './webhook-bench.js'

// `npm run bench [-- --quick] [-- --only ingest,detect,webhook,...]`: the figures for BENCHMARKS.md,
// measured in one run so that ratios compare like with like on a noisy machine.
const quick = process.argv.includes('--quick')
const onlyArg = process.argv.find((a) => a.startsWith('--only='))
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : undefined
const wants = (name: string): boolean => !only || only.has(name)
const dir = resolve('.bench')
mkdirSync(dir, { recursive: true })

async function file(events: number): Promise<string> {
  const path = join(dir, `audit-${events}.jsonl`)
  if (!existsSync(path)) await runDemoGenerate({ out: path, events, seed: 11 })
  return path
}

const lineCount = (path: string): number => Number(execFileSync('wc', ['-l', path]).toString().trim().split(' ')[0])
const pct = (a: number, b: number): string => `${((a / b) * 100).toFixed(1)}%`
const roundsText = (r: RatioRounds, step: string): string =>
  r.rounds.map((x) => `floor ${Math.round(x.floor.perSecond)}, ${step} ${Math.round(x.measured.perSecond)} events/s = ${pct(x.measured.perSecond, x.floor.perSecond)}`).join('; ')

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`)
const small = await file(quick ? 20_000 : 200_000)
const lines = lineCount(small)
console.log(`file: ${lines} audit events, ${Math.round(statSync(small).size / 1048576)} MB`)

if (wants('ingest')) {
  const ingest = await ratioRounds(small, lines, () => ingestFile(small, join(dir, 'db-small')))
  console.log(`[ingest] into DuckDB: median ${(100 * ingest.medianRatio).toFixed(1)}% of the floor (JSON.parse of each line; aim >= 25%); rounds: ${roundsText(ingest, 'ingest')}`)
  const big = await file(quick ? 200_000 : 2_000_000)
  const bigRun = await ingestFileInChild(big, join(dir, 'db-big'))
  console.log(`[ingest] peak RSS ingesting ${bigRun.stored} events: ${bigRun.peakRssMb} MB (aim <= 400 MB)`)
  rmSync(join(dir, 'db-small'), { recursive: true, force: true })
  rmSync(join(dir, 'db-big'), { recursive: true, force: true })
}

if (wants('webhook')) {
  const hook = await webhookLatency(join(dir, 'webhook'), quick ? 30 : 200, 1000)
  console.log(`[webhook] EventList of 1000 events acknowledged over loopback, each posted when the last is answered: p50 ${hook.p50} ms, p99 ${hook.p99} ms, max ${hook.max} ms (aim p99 <= 50 ms)`)
  rmSync(join(dir, 'webhook'), { recursive: true, force: true })
  const paced = await webhookLatency(join(dir, 'webhook'), quick ? 30 : 200, 1000, 100)
  console.log(`[webhook] the same at kube-apiserver's default throttle (10 batches/s): p50 ${paced.p50} ms, p99 ${paced.p99} ms, max ${paced.max} ms`)
  rmSync(join(dir, 'webhook'), { recursive: true, force: true })
}

if (wants('detect')) {
  const falco = resolve('../shared/conformance/falco-k8saudit/rules/k8s_audit_rules.yaml')
  const d = await detectBench(small, falco, lines)
  console.log(`[detect] ${d.rules} rules (default pack + Falco's): median ${(100 * d.medianRatio).toFixed(1)}% of the floor (aim >= 50%); rounds: ${roundsText(d, 'detect')}`)
  console.log(`[detect] cost per rule per event: mean ${d.meanNsPerRulePerEvent} ns (un-indexed, an upper bound); costliest: ${d.costPerRule.map((c) => `${c.rule} ${c.nsPerEvent} ns`).join('; ')}`)
  console.log(`[detect] correlation state at ${d.correlation.identities} distinct identities: ${d.correlation.groups} live groups, heap +${d.correlation.heapMb} MB`)
}

if (wants('scan')) {
  const scan = await scanBench()
  console.log(`[scan] ${scan.targets} loopback addresses × ${scan.ports} ports, mostly closed: ${scan.seconds.toFixed(1)} s (aim <= 20 s)`)
}

if (wants('posture')) {
  const p = await postureBench()
  console.log(`[posture] ${p.objects} objects: ${p.postureSeconds.toFixed(1)} s (aim <= 10 s); who-can over ${p.bindings} bindings: ${p.whoCanMs} ms (model ${p.rbacModelMs} ms + query ${p.whoCanQueryMs} ms; aim <= 200 ms)`)
}

if (wants('ui')) {
  const events = quick ? 1_000_000 : 10_000_000
  const ui = await uiBench(events)
  console.log(`[ui] ${ui.events} stored events (loaded in ${ui.loadSeconds.toFixed(0)} s): overview queries p50 ${ui.overviewMs.p50} ms, p95 ${ui.overviewMs.p95} ms (aim <= 1 s); search with a field filter and a time range p50 ${ui.searchMs.p50} ms, p95 ${ui.searchMs.p95} ms (aim <= 300 ms); facets p95 ${ui.facetsMs.p95} ms`)
}
