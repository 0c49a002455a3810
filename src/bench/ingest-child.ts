import { runIngest } from '../cli/commands/ingest.js'

// Run in a child process by the benchmark, so that the peak RSS it reports is the ingest's alone
// (the parent has generated the input file and keeps that heap).
const [file, dataDir] = process.argv.slice(2)
const report = await runIngest([file!], { data: dataDir!, cluster: 'bench' })
process.stdout.write(JSON.stringify({ stored: report.stored, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }))
