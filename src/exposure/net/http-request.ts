import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Answer } from '../types.js'
import { ProbeFailure, toProbeFailure } from './probe-failure.js'
import { assertReadOnly } from './read-only.js'

/** One request to one endpoint. `address` is connected to; `host` goes in Host and SNI. */
export interface HttpProbe {
  scheme: 'http' | 'https'
  address: string
  port: number
  host: string
  target: string
  method: 'GET' | 'POST' | 'PUT'
  path: string
  headers?: Record<string, string>
  body?: string
  /** Allow the IMDSv2 token PUT (pod-local metadata probe only). */
  metadataToken?: boolean
}

export interface Limits {
  timeoutMs: number
  maxBytes: number
}

const USER_AGENT = 'kubesiem-exposure/0.1 (read-only probe)'

function hostHeader(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`
}

/**
 * Send one read-only request with Node's http/https client: fresh connection, no certificate
 * verification (we are inspecting, not trusting), a connect deadline, then a deadline for the whole
 * answer, and the body cut at `maxBytes`. A cut or late body still resolves with what was read.
 * @example
 * const answer = await httpRequest({ scheme: 'http', address: '127.0.0.1', port: 2379, host: '127.0.0.1', target: '127.0.0.1:2379', method: 'GET', path: '/version' }, { timeoutMs: 3000, maxBytes: 262144 })
 */
export function httpRequest(probe: HttpProbe, limits: Limits): Promise<Answer> {
  assertReadOnly(probe.method, probe.path, { metadataToken: probe.metadataToken })
  const url = `${probe.scheme}://${probe.target}${probe.path}`
  const label = `${probe.method} ${probe.path}`
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string | number> = { host: hostHeader(probe.host, probe.port), 'user-agent': USER_AGENT, accept: '*/*', ...probe.headers }
    if (probe.body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(probe.body) })
    const options: https.RequestOptions = { host: probe.address, port: probe.port, method: probe.method, path: probe.path, headers, agent: false }
    if (probe.scheme === 'https') Object.assign(options, { rejectUnauthorized: false, servername: isIP(probe.host) ? undefined : probe.host })
    const req = (probe.scheme === 'https' ? https : http).request(options)
    let settled = false
    let phase: 'connect' | 'read' = 'connect'
    let answer: Answer | undefined
    const chunks: Buffer[] = []
    let size = 0
    const finish = (error?: unknown, cut?: Answer['cut']): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      if (answer) resolve({ ...answer, body: Buffer.concat(chunks).subarray(0, limits.maxBytes), cut: answer.cut ?? cut })
      else reject(toProbeFailure(error, probe.target, label))
    }
    const timer = setTimeout(() => {
      if (answer) return finish(undefined, 'time')
      finish(new ProbeFailure('KUBESIEM_EXPOSURE_TIMEOUT', { target: probe.target, phase, timeoutMs: limits.timeoutMs, request: label }))
    }, limits.timeoutMs)
    req.on('socket', (socket) => {
      socket.once(probe.scheme === 'https' ? 'secureConnect' : 'connect', () => {
        // The read deadline starts once connected, so a slow connect and a slow answer each get the full time.
        phase = 'read'
        timer.refresh()
      })
    })
    req.on('error', (error) => finish(error))
    req.on('response', (res) => {
      answer = { method: probe.method, url, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) }
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        size += chunk.length
        if (size >= limits.maxBytes) finish(undefined, 'size')
      })
      res.on('end', () => finish())
      res.on('error', (error) => finish(error))
      res.on('close', () => finish())
    })
    req.end(probe.body)
  })
}
