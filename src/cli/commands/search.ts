import { join } from 'node:path'
import type { KubeEvent } from '../../core/index.js'
import { parseEventQuery } from '../../store/query-schema.js'
import { openDuckDbStore } from '../../store/duckdb/store.js'
import type { EventPage } from '../../store/store.js'
import { searchEvents } from '../api-client.js'
import { formatJsonLines, formatTable } from '../format.js'
import { findServer } from '../server-link.js'
import { SEARCH_FLAGS } from './search-flags.js'

function toRow(e: KubeEvent): Record<string, unknown> {
  const ref = e.objectRef
  return {
    time: e.time,
    cluster: e.cluster,
    user: e.user.name,
    verb: e.verb,
    resource: [ref.resource, ref.subresource].filter(Boolean).join('/'),
    namespace: ref.namespace ?? '',
    name: ref.name ?? '',
    code: e.responseCode ?? '',
    sourceIP: e.sourceIPs[0] ?? '',
  }
}

/**
 * `kubesiem search`: the API's filters as flags, through the server when one runs.
 * @example await runSearch({ verb: 'create', data: './data', format: 'json' })
 */
export async function runSearch(flags: Record<string, string | undefined> & { data: string; format: string; server?: string; token?: string }): Promise<string> {
  const query = parseEventQuery(Object.fromEntries(SEARCH_FLAGS.map(([, key]) => [key, flags[key]]).filter(([, v]) => v !== undefined)))
  const target = findServer({ dataDir: flags.data, server: flags.server, token: flags.token })
  let page: EventPage
  if (target) page = await searchEvents(target, query)
  else {
    const store = await openDuckDbStore({ path: join(flags.data, 'kubesiem.duckdb') })
    try {
      page = await store.queryEvents(query)
    } finally {
      await store.close()
    }
  }
  if (flags.format === 'json') return formatJsonLines(page.events)
  return `${formatTable(page.events.map(toRow), ['time', 'cluster', 'user', 'verb', 'resource', 'namespace', 'name', 'code', 'sourceIP'])}\n${page.events.length} of ${page.total} events`
}
