import { isObject, REDACTED, scrubTokens, type JsonObject } from '../../core/index.js'
import { redactPaths } from './paths.js'

export interface RedactOptions {
  /** Extra dotted paths to blank in every payload, `*` matching any key or array element. */
  extraPaths?: string[]
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

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
  if (typeof value === 'string') return scrubTokens(value)
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
