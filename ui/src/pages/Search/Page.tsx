import { useMemo, useState } from 'react'
import { ApiError, toApiError } from '../../api/errors'
import type { Facets, KubeEvent } from '../../api/schemas'
import { Chart } from '../../components/Chart'
import { ErrorBox, Loading } from '../../components/common'
import { searchPath, useFacets, useSaveSearch, useSavedSearches, useSearch, type SearchParams } from '../../hooks/queries'
import { caretLines, withTerm } from '../../model/query-error'
import { EventTable } from '../Investigation/Page'
import './Page.css'

const PAGE = 50
const RANGES: [string, number | undefined][] = [['last hour', 1], ['last 24 hours', 24], ['last 7 days', 168], ['last 30 days', 720], ['all time', undefined]]
// Facet field → query-bar field; user agents have no field, so they search as text.
const FACET_TERM: Record<string, string | undefined> = { cluster: 'cluster', verb: 'verb', user: 'user', namespace: 'ns', resource: 'resource', responseCode: 'code', sourceIP: 'ip' }

export function SyntaxError({ query, error }: { query: string; error: ApiError }) {
  const lines = caretLines(query, error.position)
  return (
    <div role="alert" className="error syntax">
      <div>{error.message}</div>
      {lines ? <pre aria-label="Where the error is">{lines[0]}{'\n'}{lines[1]}</pre> : null}
      {error.hint ? <div className="hint">{error.hint}</div> : null}
    </div>
  )
}

export function FacetPanel({ facets, onPick }: { facets: Facets['facets']; onPick: (field: string, value: string) => void }) {
  return (
    <aside className="facets" aria-label="Facets">
      {Object.entries(facets).map(([field, values]) => (
        <section key={field}>
          <h3>{field}</h3>
          <ul>{values.map((v) => <li key={v.value}><button type="button" className="link" onClick={() => onPick(field, v.value)}>{v.value || '(empty)'}</button> <span className="muted">{v.count}</span></li>)}</ul>
        </section>
      ))}
    </aside>
  )
}

export function ResultPager({ total, offset, onPage }: { total: number; offset: number; onPage: (offset: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / PAGE))
  const page = Math.floor(offset / PAGE) + 1
  return (
    <nav className="pager" aria-label="Result pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(offset - PAGE)}>Previous</button>
      <span>page {page} of {pages} · {total} events</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(offset + PAGE)}>Next</button>
    </nav>
  )
}

function rangeFrom(hours: number | undefined): string | undefined {
  // Rounded to the minute so the query key (and cache) stays stable while typing.
  return hours === undefined ? undefined : new Date(Math.floor(Date.now() / 60_000) * 60_000 - hours * 3_600_000).toISOString()
}

export function SearchPage() {
  const initial = new URLSearchParams(window.location.search).get('q') ?? ''
  const [draft, setDraft] = useState(initial)
  const [hours, setHours] = useState<number | undefined>(24)
  const [params, setParams] = useState<SearchParams>({ q: initial, from: rangeFrom(24), offset: 0, limit: PAGE })
  const results = useSearch(params)
  const facets = useFacets(params)
  const saved = useSavedSearches()
  const save = useSaveSearch()
  const run = (q: string, offset = 0, h = hours) => {
    setDraft(q)
    setParams({ q, from: rangeFrom(h), offset, limit: PAGE })
    window.history.replaceState(null, '', q ? `/search?q=${encodeURIComponent(q)}` : '/search')
  }
  const error = results.error ? toApiError(results.error) : undefined
  const histogram = useMemo(() => ({
    tooltip: { trigger: 'axis' }, grid: { left: 40, right: 10, top: 10, bottom: 24 },
    xAxis: { type: 'category', data: (facets.data?.histogram ?? []).map((b) => b.start.slice(5, 16).replace('T', ' ')) }, yAxis: { type: 'value' },
    series: [{ type: 'bar', data: (facets.data?.histogram ?? []).map((b) => b.count) }],
  }), [facets.data])
  return (
    <div className="search">
      <h1>Search</h1>
      <form className="bar" role="search" onSubmit={(e) => { e.preventDefault(); run(draft) }}>
        <label className="grow">Search query
          <input name="q" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder='verb:create user:alice ns:prod "free text"' aria-describedby="query-help" spellCheck={false} />
        </label>
        <label>Time range
          <select value={String(hours)} onChange={(e) => { const h = e.target.value === 'undefined' ? undefined : Number(e.target.value); setHours(h); run(draft, 0, h) }}>
            {RANGES.map(([label, h]) => <option key={label} value={String(h)}>{label}</option>)}
          </select>
        </label>
        <button className="primary" type="submit">Search</button>
      </form>
      <p id="query-help" className="hint">Fields: cluster, user, verb, resource, ns (namespace), name, ip, code. Quote values with spaces; other words match anywhere in the redacted event.</p>
      {error?.code === 'KUBESIEM_SEARCH_SYNTAX' ? <SyntaxError query={params.q} error={error} /> : <ErrorBox error={results.error} />}
      <div className="saved">
        <a href={searchPath('search/export', { ...params, format: 'csv', limit: undefined, offset: undefined })} download>Export CSV</a>
        <a href={searchPath('search/export', { ...params, format: 'json', limit: undefined, offset: undefined })} download>Export JSON</a>
        <button type="button" disabled={!params.q} onClick={() => { const name = window.prompt('Name this search', params.q); if (name) save.mutate({ name, query: params.q }) }}>Save search</button>
        {saved.data?.searches.map((s) => <button key={s.id} type="button" className="link" onClick={() => run(s.query)}>{s.name}</button>)}
      </div>
      <div className="layout">
        {facets.data ? <FacetPanel facets={facets.data.facets} onPick={(field, value) => run(FACET_TERM[field] ? withTerm(params.q, FACET_TERM[field]!, value) : `${params.q} "${value.replace(/"/g, '')}"`.trim())} /> : <aside />}
        <div>
          <div className="card"><Chart label="Matching events over time" option={histogram} height={140} /></div>
          {results.data ? (
            <>
              <ResultPager total={results.data.total} offset={params.offset} onPage={(o) => run(params.q, o)} />
              <p className="muted">Select a row (or press Enter on it) to open the redacted raw event.</p>
              <EventTable events={results.data.events as KubeEvent[]} label="Search results" />
            </>
          ) : results.isPending ? <Loading what="events" /> : null}
        </div>
      </div>
    </div>
  )
}
