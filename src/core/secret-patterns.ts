/** The text that replaces every secret value. A fixed string: a hash of a short secret can be brute-forced. */
export const REDACTED = '[REDACTED]'

// Bearer tokens and JWTs may appear in any string: URIs, headers copied into annotations, error
// messages, the first bytes of a probed service's answer.
export const BEARER = /\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi
export const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g
const URI_TOKEN = /([?&](?:access_token|token|id_token)=)[^&#\s]+/gi
// One cheap test first: almost no string holds any of these, and allocating per string is costly.
const MAYBE_TOKEN = /bearer|eyJ|token=/i

/**
 * Blank bearer tokens, JWTs and token query parameters in a string; unchanged strings come back as they are.
 * @example scrubTokens('/api?access_token=abc') // '/api?access_token=[REDACTED]'
 */
export function scrubTokens(text: string): string {
  // The shortest match is 8 characters ("bearer x", "?token=x"): most strings of an event are shorter.
  if (text.length < 8 || !MAYBE_TOKEN.test(text)) return text
  return text.replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED).replace(URI_TOKEN, `$1${REDACTED}`)
}
