import type { ErrorCode, Finding } from '../core/index.js'

/** One host:port to probe: the name as given, the address it resolved to, and the port. */
export interface Endpoint {
  host: string
  address: string
  port: number
  /** `host:port` (IPv6 in brackets): the finding's target. */
  target: string
}

/** What the TLS probe learned before any HTTP was sent. */
export interface TlsInfo {
  subject?: string
  issuer?: string
  /** CA names from the server's CertificateRequest: whose client certificates it would accept. */
  acceptableCAs?: string[]
  clientCertRequested: boolean
  /** The handshake failed after the server asked for a certificate we do not have. */
  clientCertRequired: boolean
}

/** A read (or the etcd range POST) answered by the server, its body cut at the size limit. */
export interface Answer {
  method: string
  url: string
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  /** Set when the body was cut at the size limit or the read deadline. */
  cut?: 'size' | 'time'
}

/** A target or endpoint that could not be probed, and why (a catalogue code with its message). */
export interface Unprobed {
  target: string
  code: ErrorCode
  reason: string
}

/** Per-endpoint outcome, for the summary and the table. */
export interface EndpointResult {
  target: string
  state: 'open' | 'closed' | 'unprobed'
  services: string[]
}

/** Everything one scan produced. */
export interface ScanReport {
  findings: Finding[]
  endpoints: EndpointResult[]
  unprobed: Unprobed[]
  /** Non-fatal notes: answers cut at the size limit, probes of one surface that failed. */
  notes: Unprobed[]
  targets: number
  seconds: number
}

/** Settings of the pod-local checks (`--from-pod`). */
export interface FromPodOptions {
  /** host[:port] of the cloud metadata service; tests point it at a loopback fake. */
  metadataAddress: string
  /** The pod's service-account token, used against the API server and kubelet as a second pass. */
  token?: string
}

/** Options of one scan; every limit has a default (see DEFAULT_SCAN_OPTIONS). */
export interface ScanOptions {
  ports: number[]
  allowPublic: boolean
  concurrency: number
  timeoutMs: number
  maxBytes: number
  /** New connections per second, over the whole scan. */
  rate: number
  maxCidrAddresses: number
  fromPod?: FromPodOptions
  /** Name resolution; tests inject one so no DNS query leaves the machine. */
  lookup?: (host: string) => Promise<string>
}
