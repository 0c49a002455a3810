import { createHash, randomUUID } from 'node:crypto'

/** A fresh random id for things we create (alerts, tokens' ids). */
export function newId(): string {
  return randomUUID()
}

/**
 * A stable id from parts, for records that carry no id of their own.
 * @example stableId('k8s-audit', line) // same input, same id: replays dedup
 */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

/**
 * The dedup key of an event: kube-apiserver writes one record per (auditID, stage).
 * @example eventKey({ id: 'a1', stage: 'ResponseComplete' }) // 'a1/ResponseComplete'
 */
export function eventKey(event: { id: string; stage: string }): string {
  return `${event.id}/${event.stage}`
}
