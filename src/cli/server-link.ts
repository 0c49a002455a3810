import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SERVER_LINK_FILE, type ServerLink } from '../api/server.js'

export interface ServerTarget {
  url: string
  token: string
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The server a CLI command should talk to: `--server` (with `--token` or KUBESIEM_TOKEN), else a
 * live server that owns the data folder. Undefined means "open the store file yourself".
 * @example findServer({ dataDir: './data' }) // { url: 'http://127.0.0.1:8470', token: 'ks_…' }
 */
export function findServer(options: { dataDir: string; server?: string; token?: string }): ServerTarget | undefined {
  if (options.server) return { url: options.server.replace(/\/$/, ''), token: options.token ?? process.env.KUBESIEM_TOKEN ?? '' }
  const file = join(options.dataDir, SERVER_LINK_FILE)
  if (!existsSync(file)) return undefined
  const link = JSON.parse(readFileSync(file, 'utf8')) as ServerLink
  return isAlive(link.pid) ? { url: link.url, token: options.token ?? link.token } : undefined
}
