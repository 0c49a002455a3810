// The JSON text a payload was parsed from, when a source had it verbatim and nothing changed it
// since (redaction returns unchanged events as the same object, and copies changed ones, which
// leaves the text behind). Stores use it instead of serializing again: JSON.stringify costs about
// as much as the parse it undoes. It rides on the object itself, hidden (a symbol, not
// enumerable: spreads and JSON.stringify skip it): a WeakMap of them cost a sixth of an ingest's
// CPU in garbage collection.
const TEXT = Symbol('kubesiem.payloadText')

/**
 * Remember the exact text `payload` was parsed from. Only call it when they are equal.
 * @example rememberPayloadText(JSON.parse(line), line)
 */
export function rememberPayloadText(payload: object, text: string): void {
  Object.defineProperty(payload, TEXT, { value: text })
}

/**
 * The payload as JSON: the remembered source text, or a fresh serialization.
 * @example payloadText(event.payload)
 */
export function payloadText(payload: object): string {
  return (payload as { [TEXT]?: string })[TEXT] ?? JSON.stringify(payload)
}

/**
 * The payload as JSON, remembered on it when it had to be serialized, so a later reader (the
 * store after the webhook spool) reuses the text. Only for payloads no one changes afterwards.
 * @example spoolLine += payloadTextKept(event.payload)
 */
export function payloadTextKept(payload: object): string {
  const known = (payload as { [TEXT]?: string })[TEXT]
  if (known !== undefined) return known
  const text = JSON.stringify(payload)
  rememberPayloadText(payload, text)
  return text
}
