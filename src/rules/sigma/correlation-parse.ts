import type { Problem } from '../../core/index.js'
import { CORRELATION_TYPES, NEEDS_FIELD, type Bound, type CorrelationType } from './correlation-metric.js'
import type { SigmaLoadOptions } from './options.js'
import { report, suggest, type Reporter } from './problems.js'
import { mitreOf, severityOf, stringList } from './rule-meta.js'
import { entryOf, toPlain, type YFile, type YNode } from './yaml-tree.js'

/** A correlation document, checked on its own; references are resolved later. */
export interface ParsedCorrelation {
  id: string
  name?: string
  title: string
  author?: string
  license?: string
  level: unknown
  tags: string[]
  type: CorrelationType
  refs: Array<{ ref: string; at: number }>
  groupBy: string[]
  aliases: Record<string, Record<string, string>>
  timespanMs: number
  bounds: Bound[]
  fields?: string[]
  generate: boolean
  at: number
  rep: Reporter
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const

/**
 * Check a correlation document; problems are reported and a broken one gives undefined.
 * @example
 * parseCorrelation(file, doc.root, doc.at, 0, problems, {})?.type // 'event_count'
 */
export function parseCorrelation(file: YFile, root: YNode, docAt: number, docIndex: number, problems: Problem[], options: SigmaLoadOptions): ParsedCorrelation | undefined {
  const meta = toPlain(root) as Record<string, unknown>
  const id = typeof meta.id === 'string' && meta.id !== '' ? meta.id : `${file.path}#${docIndex + 1}`
  const rep: Reporter = { ruleId: id, file: file.path, problems, pos: file.pos }
  const section = entryOf(root, 'correlation')
  const corr = (toPlain(section?.value) ?? {}) as Record<string, unknown>
  const at = (key: string): number => (section && entryOf(section.value, key)?.at) ?? section?.at ?? docAt
  let ok = true
  const bad = (field: string, expected: string, got: unknown): void => {
    report(rep, 'KUBESIEM_SIGMA_BAD_FIELD', at(field), { field: `correlation.${field}`, expected, got: JSON.stringify(got) ?? 'nothing' })
    ok = false
  }
  if (typeof meta.title !== 'string') {
    report(rep, 'KUBESIEM_SIGMA_MISSING_FIELD', docAt, { field: 'title', expected: 'a short text naming what the correlation detects' })
    ok = false
  }
  const type = corr.type as CorrelationType
  if (!CORRELATION_TYPES.includes(type)) bad('type', `one of ${CORRELATION_TYPES.join(', ')} (${suggest(String(corr.type), CORRELATION_TYPES)})`, corr.type)
  const refsNode = section ? entryOf(section.value, 'rules')?.value : undefined
  const refItems = refsNode?.kind === 'seq' ? refsNode.items : refsNode?.kind === 'scalar' ? [refsNode] : []
  const refs = refItems.filter((n) => n.kind === 'scalar' && n.value).map((n) => ({ ref: (n as { value: string }).value, at: n.at }))
  if (refs.length === 0) bad('rules', 'a list of rule ids or names', corr.rules)
  const groupBy = stringList(corr['group-by'])
  const span = /^(\d+)\s*([smhdw])$/.exec(String(corr.timespan ?? corr.timeframe ?? ''))
  if (!span) bad('timespan', 'a number and a unit such as 90s, 10m, 1h or 1d', corr.timespan)
  const cond = (corr.condition ?? {}) as Record<string, unknown>
  const bounds: Bound[] = []
  for (const op of OPS) {
    if (cond[op] === undefined) continue
    const value = Number(cond[op])
    if (Number.isFinite(value)) bounds.push({ op, value })
    else bad('condition', `a number for ${op}`, cond[op])
  }
  const temporal = type === 'temporal' || type === 'temporal_ordered'
  if (temporal && bounds.length === 0) bounds.push({ op: 'gte', value: refs.length })
  if (!temporal && bounds.length === 0) bad('condition', 'a map with gt, gte, lt, lte, eq or neq', corr.condition)
  const fields = stringList(cond.field)
  if (NEEDS_FIELD.has(type) && fields.length === 0) bad('condition', `a "field" for ${type}`, corr.condition)
  const aliases = (corr.aliases && typeof corr.aliases === 'object' ? corr.aliases : {}) as Record<string, Record<string, string>>
  if (!ok || !span) return undefined
  const author = stringList(meta.author).join(', ') || undefined
  return {
    id,
    name: typeof meta.name === 'string' ? meta.name : undefined,
    title: meta.title as string,
    author,
    license: typeof meta.license === 'string' ? meta.license : options.license,
    level: meta.level,
    tags: stringList(meta.tags),
    type,
    refs,
    groupBy,
    aliases,
    timespanMs: Number(span[1]) * UNITS[span[2]],
    bounds,
    fields: NEEDS_FIELD.has(type) ? fields : undefined,
    generate: String(meta.generate ?? corr.generate ?? 'false').toLowerCase() === 'true',
    at: section?.at ?? docAt,
    rep,
  }
}

/**
 * The shared metadata of a correlation rule's runtime.
 * @example
 * correlationMeta(parsed).severity // 'high'
 */
export function correlationMeta(pc: ParsedCorrelation) {
  return {
    ref: { id: pc.id, title: pc.title, source: 'sigma' as const, ...(pc.author ? { author: pc.author } : {}), ...(pc.license ? { license: pc.license } : {}) },
    severity: severityOf(pc.level),
    mitre: mitreOf(pc.tags),
    tags: pc.tags,
  }
}
