import { z } from 'zod'
import { parseWith } from '../core/index.js'
import type { EventQuery, StatsQuery } from './store.js'

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 time such as 2026-03-01T10:00:00Z')

/** The event filters, as strings arrive from a query string or CLI flags. */
export const EventQuerySchema = z.object({
  cluster: z.string().optional(),
  user: z.string().optional(),
  verb: z.string().optional(),
  resource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  sourceIP: z.string().optional(),
  responseCode: z.coerce.number().int().min(100).max(599).optional(),
  text: z.string().optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})

export const StatsQuerySchema = EventQuerySchema.extend({ bucketSeconds: z.coerce.number().int().min(1).max(31 * 86_400).optional() })


/**
 * Validate event filters from outside; a bad one is a 400 naming the field.
 * @example parseEventQuery({ verb: 'create', limit: '50' })
 */
export function parseEventQuery(input: unknown): EventQuery {
  return parseWith(EventQuerySchema, input)
}

/** Validate stats filters (the event filters plus a bucket width in seconds). */
export function parseStatsQuery(input: unknown): StatsQuery {
  return parseWith(StatsQuerySchema, input)
}
