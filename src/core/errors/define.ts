/** One entry of the error catalogue: a message template, a hint for what to do next, and an HTTP status. */
export interface ErrorRecord {
  /** Template with `{name}` placeholders filled from the error's details. */
  message: string
  hint: string
  status: number
}

/**
 * Type helper so each catalogue part keeps its literal keys.
 * @example
 * export const STORE_ERRORS = defineErrors({ KUBESIEM_STORE_CLOSED: { message: 'store is closed', hint: '…', status: 503 } })
 */
export function defineErrors<T extends Record<`KUBESIEM_${string}`, ErrorRecord>>(records: T): T {
  return records
}
