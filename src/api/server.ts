import type { FastifyInstance } from 'fastify'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config/schema.js'
import { demoClusterSnapshot } from '../demo/cluster-snapshot.js'
import { generateDemoEvents } from '../demo/generate.js'
import { startLiveDetection } from '../alerting/live-detection.js'
import { ForegroundGate, formatProblem, type KubeEvent } from '../core/index.js'
import { startBackgroundJobs } from './background/start.js'
import { loadRuleSet } from '../content/load-rule-set.js'
import { createPipeline } from '../pipeline/ingest.js'
import { IngestSpool, SPOOL_CURSOR } from '../pipeline/spool.js'
import { openSpoolLog } from '../store/spool/spool-log.js'
import { openDuckDbStore } from '../store/duckdb/store.js'
import type { Store } from '../store/store.js'
import { buildApp } from './app.js'
import { OidcLogin } from './auth/oidc.js'
import { generatePassword, hashPassword } from './auth/passwords.js'
import { SessionManager } from './auth/sessions.js'
import { TokenStore } from './auth/tokens.js'

export interface ServerOptions {
  config: Config
  /** Replay the demo stream (once per data folder) so a new user sees data at once. */
  demo?: boolean
  logLevel?: string
  /** Where to print the first-start credential and the URL. */
  print?: (line: string) => void
}

export interface RunningServer {
  url: string
  app: FastifyInstance
  store: Store
  /** Set only on the first start: the admin token, shown once. */
  adminToken?: string
  /** Set only on the first start: the password of the first admin user (`admin`), shown once. */
  adminPassword?: string
  close(): Promise<void>
}

/** What a local CLI reads to find the running server (mode 0600: the folder's owner only). */
export interface ServerLink {
  url: string
  pid: number
  token: string
}

export const SERVER_LINK_FILE = 'server.json'
const DEMO_CURSOR = 'demo:replayed'

// The demo comes with its cluster's objects, so posture and the blast radius have data too.
function withDemoSnapshot(config: Config): Config {
  if (config.posture.snapshot || config.posture.kubeconfig) return config
  const snapshot = join(config.dataDir, 'demo-cluster.json')
  writeFileSync(snapshot, JSON.stringify(demoClusterSnapshot(), null, 2))
  return { ...config, posture: { ...config.posture, snapshot } }
}

async function replayDemo(store: Store, ingest: ReturnType<typeof createPipeline>['ingest'], cluster: string): Promise<number> {
  if (await store.getCursor(DEMO_CURSOR)) return 0
  const events = generateDemoEvents({ end: new Date() })
  for (let i = 0; i < events.length; i += 1000) {
    await ingest([{ where: `demo item ${i}`, source: 'k8s-audit', cluster, value: events.slice(i, i + 1000) }])
  }
  await store.setCursor(DEMO_CURSOR, new Date().toISOString())
  return events.length
}

async function createFirstAdmin(store: Store): Promise<string> {
  const password = generatePassword()
  await store.upsertUser({ name: 'admin', role: 'admin', source: 'local', passwordHash: await hashPassword(password), created: new Date().toISOString() })
  return password
}

/**
 * Start kubesiem's server on the embedded store: open the data folder, make the first admin
 * credential if there is none, serve the API, and leave a link file for local CLIs.
 * @example const server = await startServer({ config: parseConfig({}), demo: true })
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line))
  mkdirSync(options.config.dataDir, { recursive: true })
  const config = options.demo ? withDemoSnapshot(options.config) : options.config
  // At DuckDB's 16 MB default a checkpoint ran every few webhook batches and set their p99.
  const store = await openDuckDbStore({ path: join(config.dataDir, 'kubesiem.duckdb'), checkpointThreshold: '256MB' })
  const tokens = new TokenStore(config.dataDir)
  const adminToken = tokens.isEmpty() ? tokens.create('admin', 'admin').token : undefined
  const adminPassword = (await store.listUsers()).length === 0 ? await createFirstAdmin(store) : undefined
  const { detection } = config
  const ruleSet = loadRuleSet({ rules: detection.rules, noDefaultRules: !detection.defaultRules, statuses: detection.statuses, placeholders: detection.placeholders, clusterName: config.cluster })
  // Rules switched on or off in the UI keep that state across restarts.
  const ruleStates = new Map((await store.listRuleStates()).map((state) => [state.ruleId, state.enabled]))
  ruleSet.rules = ruleSet.rules.map((rule) => (ruleStates.has(rule.ref.id) ? { ...rule, enabled: ruleStates.get(rule.ref.id)! } : rule))
  // Webhook posts go first: background work on this thread lets them finish.
  const gate = new ForegroundGate()
  const live = await startLiveDetection(store, ruleSet, { firstSeen: detection.firstSeen, gate })
  let log: (error: unknown, message?: string) => void = () => undefined
  const background = startBackgroundJobs(config, store, live.bus, (error) => log(error))
  const onStored = async (events: KubeEvent[]): Promise<void> => {
    await live.onStored(events)
    background.posture?.observe(events)
  }
  const pipeline = createPipeline({ store, redact: config.redact, onStored, onListenerError: (error) => log(error) })
  const spool = IngestSpool.open(await openSpoolLog(join(config.dataDir, 'spool'), await store.getCursor(SPOOL_CURSOR)), pipeline, {
    redact: config.redact,
    gate,
    onError: (error) => log(error, 'storing a spooled webhook batch failed; retrying'),
  })
  const app = await buildApp({
    config, store, tokens, accept: (records, opts) => spool.accept(records, opts), gate, settled: () => spool.settled(), bus: live.bus, logLevel: options.logLevel,
    sessions: new SessionManager(store, config.auth.sessionMinutes),
    oidc: config.auth.oidc ? new OidcLogin(config.auth.oidc) : undefined,
    views: { engine: live.engine, bus: live.bus, snapshot: config.posture.snapshot },
  })
  log = (error, message) => app.log.error({ err: error }, message ?? 'detection failed on a stored batch')
  if (spool.replayedBatches > 0) app.log.warn(`replaying ${spool.replayedBatches} webhook batches spooled but not stored before the last stop`)
  for (const problem of ruleSet.problems.filter((p) => p.severity === 'error')) app.log.error(formatProblem(problem))
  const address = await app.listen({ host: config.host, port: config.port })
  const url = address.replace('[::1]', 'localhost')
  const link: ServerLink = { url, pid: process.pid, token: tokens.create('local-cli', 'admin').token }
  const linkFile = join(config.dataDir, SERVER_LINK_FILE)
  writeFileSync(linkFile, JSON.stringify(link), { mode: 0o600 })
  print(`kubesiem is listening on ${url} (${live.engine.ruleCount} rules, ${ruleSet.correlations.length} correlations)`)
  if (adminPassword) print(`first start: log in at ${url} as "admin" with password ${adminPassword} (shown once, stored as an argon2id hash)`)
  if (adminToken) print(`first start: admin token (shown once, stored hashed): ${adminToken}\n  use it as "Authorization: Bearer <token>"; create more with POST ${url}/api/tokens`)
  else print(`log in with the admin token printed on the first start; a local CLI uses ${linkFile}`)
  if (options.demo) {
    const replayed = await replayDemo(store, pipeline.ingest, config.cluster)
    // The demo's alerts and its cluster's posture are there before the URL is worth opening.
    await pipeline.drain()
    await background.posture?.done
    print(replayed ? `demo: replayed ${replayed} audit events into cluster "${config.cluster}"` : 'demo: already replayed in this data folder')
  }
  const retention = config.retention.maxAgeDays || config.retention.maxEvents
    ? setInterval(() => void store.applyRetention(config.retention).catch((error) => app.log.error({ err: error }, 'retention failed')), config.retention.intervalMinutes * 60_000)
    : undefined
  retention?.unref()
  return {
    url,
    app,
    store,
    adminToken,
    adminPassword,
    async close() {
      if (retention) clearInterval(retention)
      background.posture?.stop()
      background.exposure?.stop()
      await app.close()
      await spool.close()
      await pipeline.drain()
      await store.close()
      rmSync(linkFile, { force: true })
    },
  }
}
