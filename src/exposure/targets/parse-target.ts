import { isIP } from 'node:net'
import { formatMessage } from '../../core/index.js'
import type { Unprobed } from '../types.js'
import { expandCidr } from './cidr.js'

/** One host to probe, on one port or (without a port) on the scan's port list. */
export interface TargetSpec {
  host: string
  port?: number
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i

function parsePort(text: string): number | undefined {
  const port = Number(text)
  return /^\d+$/.test(text) && port >= 1 && port <= 65535 ? port : undefined
}

function split(input: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(input)
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] }
  if (isIP(input) === 6) return { host: input }
  const colon = input.lastIndexOf(':')
  return colon < 0 ? { host: input } : { host: input.slice(0, colon), port: input.slice(colon + 1) }
}

function bad(target: string, detail: string): Unprobed {
  return { target, code: 'KUBESIEM_EXPOSURE_BAD_TARGET', reason: formatMessage('KUBESIEM_EXPOSURE_BAD_TARGET', { target, detail }) }
}

/**
 * Read target arguments: `host`, `host:port`, `[v6]:port`, bare IPv6, or an IPv4 CIDR of at most
 * `maxCidr` addresses. A bad argument becomes an Unprobed entry; the others are still scanned.
 * @example parseTargets(['127.0.0.1:2379', '10.0.0.0/30', 'bad:host:x'], 1024)
 */
export function parseTargets(inputs: string[], maxCidr: number): { specs: TargetSpec[]; bad: Unprobed[] } {
  const specs: TargetSpec[] = []
  const rejected: Unprobed[] = []
  for (const raw of inputs) {
    const input = raw.trim()
    if (input.includes('/')) {
      const expanded = expandCidr(input, maxCidr)
      if ('addresses' in expanded) specs.push(...expanded.addresses.map((host) => ({ host })))
      else if ('tooLarge' in expanded) rejected.push({ target: input, code: 'KUBESIEM_EXPOSURE_CIDR_TOO_LARGE', reason: formatMessage('KUBESIEM_EXPOSURE_CIDR_TOO_LARGE', { target: input, size: expanded.tooLarge, max: maxCidr }) })
      else rejected.push(bad(input, expanded.invalid))
      continue
    }
    const { host, port } = split(input)
    if (!host || (!isIP(host) && !HOSTNAME.test(host))) rejected.push(bad(input, 'not a host name or IP address'))
    else if (port !== undefined && parsePort(port) === undefined) rejected.push(bad(input, `port "${port}" is not 1-65535`))
    else specs.push({ host, port: port === undefined ? undefined : parsePort(port) })
  }
  return { specs, bad: rejected }
}

/**
 * Parse a `--ports` list: numbers and ranges, comma separated.
 * @example parsePorts('2379,10250-10252') // [2379, 10250, 10251, 10252]
 */
export function parsePorts(text: string): number[] | undefined {
  const ports = new Set<number>()
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to] = part.split('-').map((p) => parsePort(p))
    if (from === undefined || (part.includes('-') && (to === undefined || to < from))) return undefined
    for (let p = from; p <= (to ?? from); p++) ports.add(p)
  }
  return ports.size ? [...ports] : undefined
}
