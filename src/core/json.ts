/** A plain JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>

/**
 * True for plain objects; the type guard every decoder uses.
 * @example isObject({}) // true; isObject([]) // false
 */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The string at `value`, or undefined when it is not a non-empty string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
