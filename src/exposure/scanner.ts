import type { Finding } from '../core/index.js'
import type { Answer, Endpoint, FromPodOptions, TlsInfo } from './types.js'

/** A request a scanner may send; http-request.ts refuses anything but a read. */
export interface ProbeRequest {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  headers?: Record<string, string>
  body?: string
  metadataToken?: boolean
}

/** What a scanner gets for one open endpoint: what the TLS probe saw, and a way to send reads. */
export interface ProbeContext {
  endpoint: Endpoint
  scheme: 'http' | 'https'
  tls?: TlsInfo
  fromPod?: FromPodOptions
  /** A GET, shared by every scanner of this endpoint (one request per path and headers). */
  get(path: string, headers?: Record<string, string>): Promise<Answer>
  send(request: ProbeRequest): Promise<Answer>
}

/** A surface recognised on an endpoint, and what was found open on it. */
export interface SurfaceResult {
  service: string
  findings: Finding[]
}

/**
 * One scanner per surface. It runs on every open endpoint and must recognise its service from the
 * answers (a plain web server on 2379 is not etcd); `ports` only name where it usually listens.
 * @example const etcd: Scanner = { surface: 'etcd', ports: [2379, 2380, 2381], scan: scanEtcd }
 */
export interface Scanner {
  surface: string
  ports: number[]
  scan(ctx: ProbeContext): Promise<SurfaceResult | undefined>
}
