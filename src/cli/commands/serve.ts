import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { startServer } from '../../api/server.js'
import { parseConfig } from '../../config/parse.js'

export interface ServeFlags {
  config?: string
  data?: string
  host?: string
  port?: string
  cluster?: string
  tlsCert?: string
  tlsKey?: string
  demo?: boolean
}

/**
 * `kubesiem serve`: start the server until SIGINT/SIGTERM. Flags override the config file.
 * @example await runServe({ data: './data', demo: true })
 */
export async function runServe(flags: ServeFlags): Promise<void> {
  const file = flags.config ? (parseYaml(readFileSync(flags.config, 'utf8')) as Record<string, unknown>) : {}
  const config = parseConfig({
    ...file,
    ...(flags.data ? { dataDir: flags.data } : {}),
    ...(flags.host ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: Number(flags.port) } : {}),
    ...(flags.cluster ? { cluster: flags.cluster } : {}),
    ...(flags.tlsCert || flags.tlsKey ? { tls: { certFile: flags.tlsCert, keyFile: flags.tlsKey } } : {}),
  })
  const server = await startServer({ config, demo: flags.demo, logLevel: process.env.KUBESIEM_LOG_LEVEL ?? 'warn' })
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
}
