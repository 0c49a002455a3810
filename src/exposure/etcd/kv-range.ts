import type { ProbeContext } from '../scanner.js'
import type { Answer } from '../types.js'
import { jsonOf } from '../finding.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

// keys_only: the values (Secrets among them) are never read, only the key names, as proof.
const RANGE_BODY = JSON.stringify({ key: b64('/registry/'), range_end: b64('/registry0'), keys_only: true, limit: 10 })

/** The outcome of one keys-only range read over `/registry/`. */
export interface RangeResult {
  answer: Answer
  /** open: answered without credentials; password: auth is on; unknown: neither. */
  state: 'open' | 'password' | 'unknown'
  keys: string[]
  count: number
}

/**
 * Read up to ten key names under `/registry/` through etcd's v3 JSON gateway, trying the 3.4+ path
 * then 3.3's `v3beta` and 3.2's `v3alpha`. Undefined when the port serves no gateway.
 * @example (await readRegistryKeys(ctx))?.keys // ['/registry/secrets/default/x']
 */
export async function readRegistryKeys(ctx: ProbeContext): Promise<RangeResult | undefined> {
  for (const version of ['v3', 'v3beta', 'v3alpha']) {
    const answer = await ctx.send({ method: 'POST', path: `/${version}/kv/range`, body: RANGE_BODY })
    if (answer.status === 404) continue
    const json = jsonOf(answer)
    if (answer.status === 200 && json?.header) {
      const keys = ((json.kvs ?? []) as { key?: string }[]).map((kv) => Buffer.from(kv.key ?? '', 'base64').toString('utf8'))
      return { answer, state: 'open', keys, count: Number(json.count ?? keys.length) }
    }
    // etcd with auth on and no token: gRPC InvalidArgument "user name is empty" (HTTP 400), or an invalid token.
    const error = String(json?.error ?? json?.message ?? '')
    if (/user name is empty|invalid auth token|permission denied|authentication failed/.test(error)) return { answer, state: 'password', keys: [], count: 0 }
    return { answer, state: 'unknown', keys: [], count: 0 }
  }
  return undefined
}
