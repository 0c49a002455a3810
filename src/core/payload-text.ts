// The JSON text a payload was parsed from, when a source had it verbatim and nothing changed it
// since (redaction returns unchanged events as the same object). Stores use it instead of
// serializing again: JSON.stringify costs about as much as the parse it undoes.
const texts = new WeakMap<object, string>()

/**
 * Remember the exact text `payload` was parsed from. Only call it when they are equal.
 * @example rememberPayloadText(JSON.parse(line), line)
 */
export function rememberPayloadText(payload: object, text: string): void {
  texts.set(payload, text)
}

/**
 * The payload as JSON: the remembered source text, or a fresh serialization.
 * @example payloadText(event.payload)
 */
export function payloadText(payload: object): string {
  return texts.get(payload) ?? JSON.stringify(payload)
}
