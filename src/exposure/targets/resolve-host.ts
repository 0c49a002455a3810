import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { ProbeFailure, toProbeFailure } from '../net/probe-failure.js'

/**
 * Resolve a host once, before probing: the address policy is checked on the address actually
 * connected to, and a name that later resolves elsewhere (DNS rebinding) changes nothing.
 * @example await resolveHost('localhost', 3000) // '127.0.0.1'
 */
export async function resolveHost(host: string, timeoutMs: number, resolve: (host: string) => Promise<string> = async (h) => (await lookup(h)).address): Promise<string> {
  if (isIP(host)) return host
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeFailure('KUBESIEM_EXPOSURE_UNRESOLVABLE', { target: host, detail: `no answer within ${timeoutMs} ms` })), timeoutMs)
  })
  try {
    return await Promise.race([resolve(host), timeout])
  } catch (error) {
    throw toProbeFailure(error, host, 'DNS lookup')
  } finally {
    clearTimeout(timer)
  }
}
