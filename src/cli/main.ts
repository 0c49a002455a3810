import { Command, CommanderError, Option } from 'commander'
import { KubesiemError } from '../core/index.js'
import { registerPostureCommands } from './commands/posture-commands.js'
import { SCAN_FLAGS } from './commands/scan-flags.js'
import { SEARCH_FLAGS } from './commands/search-flags.js'

// Each command's module is loaded when it runs: the store, the server and the rule engines take
// most of a second to load, which `detect` on a small file or `--help` should not pay for.

// Usage and input errors exit 2 (as grep and kubectl do); anything unexpected exits 1.
const EXIT_USAGE = 2

function withServerFlags(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder (the embedded store lives here)', './data')
    .option('--server <url>', 'talk to this kubesiem server instead of the local one')
    .option('--token <token>', 'API token for --server (or KUBESIEM_TOKEN)')
}

/** Build the command tree; exported so tests and docs can read the flags. */
export function buildProgram(): Command {
  const program = new Command('kubesiem').description('Security SIEM for Kubernetes').version('0.1.0').exitOverride()
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) })

  program
    .command('serve')
    .description('run the server: audit webhook, API, detection, on the embedded store')
    .option('--config <file>', 'YAML configuration file')
    .option('--data <dir>', 'data folder')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8470)')
    .option('--cluster <name>', 'cluster name for events that do not name one')
    .option('--tls-cert <file>', 'serve TLS with this certificate (PEM)')
    .option('--tls-key <file>', 'and this key (PEM)')
    .option('--demo', 'replay the demo audit stream on first start')
    .action(async (flags) => (await import('./commands/serve.js')).runServe(flags))

  withServerFlags(program.command('ingest'))
    .description('read audit logs (JSON Lines, EventList, .gz) into the store')
    .argument('<files...>', 'audit log files')
    .option('--cluster <name>', 'cluster the events belong to', 'default')
    .option('--follow', 'tail a growing, rotating audit log; resumes from its saved offset')
    .action(async (files: string[], flags) => {
      const { printReport, runIngest } = await import('./commands/ingest.js')
      const report = await runIngest(files, flags)
      printReport(report, (line) => console.log(line))
      if (report.read === 0 && report.rejected === 0 && !flags.follow) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: 'no events found in the given files' })
    })

  const search = withServerFlags(program.command('search')).description('search stored events')
  for (const [flag, , help] of SEARCH_FLAGS) search.option(flag, help)
  search.addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  search.action(async (flags) => console.log(await (await import('./commands/search.js')).runSearch(flags)))

  program
    .command('detect')
    .description('run detection offline over audit logs, Falco traces or any JSON Lines events')
    .argument('<files...>', 'event files (JSON Lines, EventList, .gz)')
    .option('--rules <path>', 'Sigma or Falco rules file or folder (repeatable; Falco files load in order)', (v: string, all: string[]) => [...all, v], [])
    .option('--no-default-rules', 'leave out the bundled rule pack')
    .option('--any-logsource', 'apply every rule to every event, whatever its logsource')
    .option('--rule-status <list>', 'bundled rule statuses to enable (default stable,test)')
    .option('--cluster <name>', 'cluster the events belong to', 'default')
    .option('--workers <n>', 'detection threads (default: one per core, up to 4, for inputs over 16 MB)', (v: string) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `--workers expects a positive whole number, got "${v}"` })
      return n
    })
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (files: string[], flags) => {
      const { output } = await (await import('./commands/detect.js')).runDetect(files, flags)
      if (output) console.log(output)
    })

  const rules = program.command('rules').description('rule content: lint and sample tests')
  rules
    .command('lint')
    .description('load rule files and print every problem with file:line:col')
    .argument('<paths...>', 'rule files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], flags) => {
      process.exitCode = (await import('./commands/rules.js')).runLint(paths, flags.format, (line) => console.log(line))
    })
  rules
    .command('test')
    .description("run rule samples (match-* must match, nomatch-* must not); the bundled pack's by default")
    .argument('[path]', 'rules file or folder')
    .option('--samples <dir>', 'samples folder (default: samples/ beside the rules)')
    .action(async (path: string | undefined, flags) => {
      process.exitCode = (await import('./commands/rules.js')).runRuleTests(path, flags.samples, (line) => console.log(line))
    })

  const scan = program.command('scan').description('probe hosts for exposed etcd, kubelet, API server, dashboard and proxies (read-only)')
  scan.argument('[targets...]', 'host, host:port, [IPv6]:port or IPv4 CIDR')
  for (const [flag, help, fallback] of SCAN_FLAGS) scan.option(flag, help, fallback)
  scan.action(async (targets: string[], flags) => {
    const { runScanCommand } = await import('./commands/scan.js')
    await runScanCommand(targets, flags, (text) => console.log(text), (text) => console.error(text))
  })

  registerPostureCommands(program)

  const demo = program.command('demo').description('the demo audit stream')
  demo
    .command('generate')
    .description('write the deterministic demo audit stream as JSON Lines')
    .option('--out <file>', 'output file (default: stdout)')
    .option('--events <n>', 'benign events (attacks come on top)', '5000')
    .option('--seed <n>', 'random seed')
    .option('--end <time>', 'ISO time the stream ends at')
    .action(async (flags) => {
      const { runDemoGenerate } = await import('./commands/demo.js')
      const n = await runDemoGenerate({ out: flags.out, events: Number(flags.events), seed: flags.seed ? Number(flags.seed) : undefined, end: flags.end })
      if (flags.out) console.error(`wrote ${n} events to ${flags.out}`)
    })
  return program
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE
      return
    }
    if (error instanceof KubesiemError) {
      console.error(`kubesiem: ${error.message}\n  ${error.hint}`)
      process.exitCode = error.status < 500 || error.code === 'KUBESIEM_STORE_LOCKED' ? EXIT_USAGE : 1
      return
    }
    console.error(error)
    process.exitCode = 1
  }
}

await main()
