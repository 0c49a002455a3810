import { isObject, type JsonObject } from '../../core/index.js'
import { redactPaths } from './paths.js'

/** The text that replaces every secret value. A fixed string: a hash of a short secret can be brute-forced. */
export const REDACTED = '[REDACTED]'

export interface RedactOptions {
  /** Extra dotted paths to blank in every payload, `*` matching any key or array element. */
  extraPaths?: string[]
}

// Bearer tokens and JWTs may appear in any string: URIs, headers copied into annotations, error messages.
const BEARER = /\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g
const URI_TOKEN = /([?&](?:access_token|token|id_token)=)[^&#\s]+/gi
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

// One cheap test first: almost no string holds any of these, and allocating per string is costly.
const MAYBE_SECRET = /bearer|eyJ|token=/i

function scrubString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text
  return text.replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED).replace(URI_TOKEN, `$1${REDACTED}`)
}

function blankValues(map: unknown): unknown {
  if (!isObject(map)) return map
  return Object.fromEntries(Object.keys(map).map((key) => [key, REDACTED]))
}

// A Secret's values live in data and stringData, and a copy of both in last-applied-configuration.
function redactSecretObject(obj: JsonObject): JsonObject {
  const out: JsonObject = { ...obj }
  if ('data' in out) out.data = blankValues(out.data)
  if ('stringData' in out) out.stringData = blankValues(out.stringData)
  if (isObject(out.metadata) && isObject(out.metadata.annotations) && LAST_APPLIED in out.metadata.annotations) {
    out.metadata = { ...out.metadata, annotations: { ...out.metadata.annotations, [LAST_APPLIED]: REDACTED } }
  }
  return out
}

const CREDENTIAL_KEYS = new Set(['token', 'password', 'client-key-data', 'client-certificate-data'])

// Copy-on-write: an unchanged subtree comes back as the same reference, so the common event (no
// secret anywhere) costs one read-only pass and no allocation.
function walk(value: unknown, inSecretContext: boolean): unknown {
  if (typeof value === 'string') return scrubString(value)
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i], inSecretContext)
      if (next !== value[i]) (copy ??= value.slice())[i] = next
    }
    return copy ?? value
  }
  if (!isObject(value)) return value
  const isSecret = value.kind === 'Secret' || (inSecretContext && ('data' in value || 'stringData' in value))
  const base = isSecret ? redactSecretObject(value) : value
  let copy: JsonObject | undefined = base === value ? undefined : base
  for (const key in base) {
    const child = base[key]
    // TokenRequest answers with status.token; TokenReview carries spec.token; both are live credentials.
    const next = CREDENTIAL_KEYS.has(key) && typeof child === 'string' ? REDACTED : walk(child, inSecretContext && key === 'items')
    if (next !== child) (copy ??= { ...base })[key] = next
  }
  return copy ?? value
}

/**
 * Remove secrets from an audit Event before anything stores, logs or sends it: Secret data and
 * stringData (request, response, lists and last-applied annotations), TokenRequest/TokenReview
 * tokens, bearer tokens and JWTs in any string, and the configured extra paths. Never changes its
 * input: returns the event itself when nothing needed redacting, else a copy.
 * @example redactAuditEvent(event).requestObject.data.password // '[REDACTED]'
 */
export function redactAuditEvent(event: JsonObject, options: RedactOptions = {}): JsonObject {
  const objectRef = isObject(event.objectRef) ? event.objectRef : {}
  const secretContext = objectRef.resource === 'secrets'
  let out: JsonObject | undefined
  for (const key in event) {
    const child = event[key]
    const isBody = key === 'requestObject' || key === 'responseObject'
    const next = isBody && secretContext && isObject(child) ? walk(redactSecretObject(child), true) : walk(child, isBody && secretContext)
    if (next !== child) (out ??= { ...event })[key] = next
  }
  const result = out ?? event
  return options.extraPaths?.length ? redactPaths(result, options.extraPaths, REDACTED) : result
}
