import { BEARER, JWT, REDACTED as R } from '../../core/index.js'

// JSON string values under keys that hold credentials or Secret/etcd payloads (env values, kv values).
const SECRET_VALUE = /("(?:value|password|token|secret|data|stringData|client-key-data|client-certificate-data|id_token|access_token|refresh_token|SecretAccessKey|Token|AccessKeyId)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)/gi
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g

/**
 * Blank secrets in the first bytes of an answer before they become evidence. Works on a cut,
 * unparseable prefix, so it is pattern-based: credential-named JSON values, bearer tokens, JWTs,
 * private keys and AWS key ids.
 * @example scrubBody('{"name":"DB","value":"hunter2"}') // '{"name":"DB","value":"[REDACTED]"}'
 */
export function scrubBody(text: string): string {
  return text
    .replace(SECRET_VALUE, `$1"${R}"`)
    .replace(BEARER, `$1${R}`)
    .replace(JWT, R)
    .replace(PRIVATE_KEY, R)
    .replace(AWS_KEY_ID, R)
}
