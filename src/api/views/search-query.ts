import { KubesiemError } from '../../core/index.js'
import type { EventQuery } from '../../store/store.js'

type Field = 'cluster' | 'user' | 'verb' | 'resource' | 'namespace' | 'name' | 'sourceIP' | 'responseCode'

/** Query-bar field names and their aliases. */
export const SEARCH_FIELDS: Record<string, Field> = {
  cluster: 'cluster', user: 'user', verb: 'verb', resource: 'resource', namespace: 'namespace', ns: 'namespace',
  name: 'name', ip: 'sourceIP', sourceip: 'sourceIP', code: 'responseCode', status: 'responseCode', responsecode: 'responseCode',
}

function syntax(position: number, detail: string): KubesiemError {
  return new KubesiemError('KUBESIEM_SEARCH_SYNTAX', { position, detail, fields: Object.keys(SEARCH_FIELDS).join(', ') })
}

// A value starting at i: "quoted" (with \" escapes) or up to the next space.
function readValue(q: string, i: number): { value: string; end: number } {
  if (q[i] !== '"') {
    let end = i
    while (end < q.length && !/\s/.test(q[end]!)) end++
    return { value: q.slice(i, end), end }
  }
  let value = ''
  for (let j = i + 1; j < q.length; j++) {
    if (q[j] === '\\' && j + 1 < q.length) value += q[++j]
    else if (q[j] === '"') return { value, end: j + 1 }
    else value += q[j]
  }
  throw syntax(i, 'unterminated quote: add the closing "')
}

/**
 * Parse the query bar: `verb:create user:alice ns:prod "free text" word`. Field terms must all
 * hold; free-text parts are joined into one phrase matched anywhere in the payload. Positions in
 * errors are 0-based character offsets.
 * @example parseSearchQuery('verb:create "kube-system"') // { verb: 'create', text: 'kube-system' }
 */
export function parseSearchQuery(q: string): EventQuery {
  const query: EventQuery = {}
  const text: string[] = []
  let i = 0
  while (i < q.length) {
    if (/\s/.test(q[i]!)) {
      i++
      continue
    }
    const term = /^([A-Za-z]+):/.exec(q.slice(i))
    if (!term) {
      const { value, end } = readValue(q, i)
      text.push(value)
      i = end
      continue
    }
    const field = SEARCH_FIELDS[term[1]!.toLowerCase()]
    if (!field) throw syntax(i, `unknown field "${term[1]}"`)
    const at = i + term[0].length
    if (at >= q.length || /\s/.test(q[at]!)) throw syntax(at, `empty value for "${term[1]}:"`)
    const { value, end } = readValue(q, at)
    if (field === 'responseCode') {
      if (!/^\d{3}$/.test(value)) throw syntax(at, `"${term[1]}" expects a 3-digit HTTP status, got "${value}"`)
      query.responseCode = Number(value)
    } else {
      if (query[field] !== undefined) throw syntax(i, `"${term[1]}" given twice; one value per field`)
      query[field] = value
    }
    i = end
  }
  if (text.length > 0) query.text = text.join(' ')
  return query
}
