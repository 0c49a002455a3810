import type { LoadedRule } from './compile-rule.js'
import { correlationMeta, type ParsedCorrelation } from './correlation-parse.js'
import { createCorrelation, type CorrelationRule, type CorrelationSource } from './correlation.js'
import { report, suggest } from './problems.js'

/** Defaults that bound correlation state (a million identities fit in about 100k live groups). */
export const CORRELATION_DEFAULTS = { maxGroups: 100_000, maxEventsPerGroup: 10_000 }

type Target = { kind: 'base'; rule: LoadedRule } | { kind: 'correlation'; pc: ParsedCorrelation }

/**
 * Resolve correlation references (by id or name, chains included), report unknown and cyclic ones,
 * and build the correlations that stand alone: those no other correlation consumes with `generate: false`.
 * @example
 * buildCorrelations(parsed, loadedRulesByRef, { maxGroups: 1000 })
 */
export function buildCorrelations(parsed: ParsedCorrelation[], bases: Map<string, LoadedRule>, limits: Partial<typeof CORRELATION_DEFAULTS> = {}): CorrelationRule[] {
  const byRef = new Map<string, ParsedCorrelation>()
  for (const pc of parsed) {
    byRef.set(pc.id, pc)
    if (pc.name) byRef.set(pc.name, pc)
  }
  const targets = new Map<ParsedCorrelation, Target[]>()
  const broken = new Set<ParsedCorrelation>()
  for (const pc of parsed) {
    const list: Target[] = []
    for (const { ref, at } of pc.refs) {
      const corr = byRef.get(ref)
      const base = bases.get(ref)
      if (corr) list.push({ kind: 'correlation', pc: corr })
      else if (base) list.push({ kind: 'base', rule: base })
      else {
        report(pc.rep, 'KUBESIEM_SIGMA_UNKNOWN_RULE_REF', at, { kind: 'correlation', ref, suggestion: suggest(ref, [...bases.keys(), ...byRef.keys()]) })
        broken.add(pc)
      }
    }
    targets.set(pc, list)
  }
  const state = new Map<ParsedCorrelation, 'visiting' | 'done'>()
  const visit = (pc: ParsedCorrelation, path: ParsedCorrelation[]): boolean => {
    if (state.get(pc) === 'done') return !broken.has(pc)
    if (state.get(pc) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(pc)), pc].map((p) => p.name ?? p.id).join(' -> ')
      report(pc.rep, 'KUBESIEM_SIGMA_CYCLIC_REFERENCE', pc.at, { cycle })
      broken.add(pc)
      return false
    }
    state.set(pc, 'visiting')
    for (const t of targets.get(pc) ?? []) if (t.kind === 'correlation' && !visit(t.pc, [...path, pc])) broken.add(pc)
    state.set(pc, 'done')
    return !broken.has(pc)
  }
  for (const pc of parsed) visit(pc, [])
  const consumedQuietly = new Set<ParsedCorrelation>()
  for (const pc of parsed) {
    if (broken.has(pc) || pc.generate) continue
    for (const t of targets.get(pc) ?? []) if (t.kind === 'correlation') consumedQuietly.add(t.pc)
  }
  const full = { maxGroups: limits.maxGroups ?? CORRELATION_DEFAULTS.maxGroups, maxEventsPerGroup: limits.maxEventsPerGroup ?? CORRELATION_DEFAULTS.maxEventsPerGroup }
  const instantiate = (pc: ParsedCorrelation): CorrelationRule => {
    const list = targets.get(pc) ?? []
    const sources: CorrelationSource[] = list.map((t) => (t.kind === 'base' ? { kind: 'base', id: t.rule.rule.ref.id } : { kind: 'correlation', rule: instantiate(t.pc) }))
    const namesOf = (i: number): string[] => {
      const t = list[i]
      const own = t.kind === 'base' ? [t.rule.rule.ref.id, t.rule.name] : [t.pc.id, t.pc.name]
      return [pc.refs[i].ref, ...own].filter((x): x is string => !!x)
    }
    const fieldFor = (name: string, i: number): string => {
      const alias = pc.aliases[name]
      const hit = alias && namesOf(i).find((n) => typeof alias[n] === 'string')
      return hit ? alias[hit] : name
    }
    const generatesBase = new Set<string>()
    sources.forEach((s) => {
      if (s.kind === 'base' && pc.generate) generatesBase.add(s.id)
      if (s.kind === 'correlation') s.rule.generatesBase.forEach((id) => generatesBase.add(id))
    })
    return createCorrelation({
      ...correlationMeta(pc),
      type: pc.type,
      sources,
      groupBy: pc.groupBy.map((name) => ({ name, fields: list.map((_, i) => fieldFor(name, i)) })),
      valueFields: pc.fields ? list.map((_, i) => pc.fields!.map((f) => fieldFor(f, i))) : undefined,
      bounds: pc.bounds,
      generatesBase,
      timespanMs: pc.timespanMs,
      maxGroups: full.maxGroups,
      maxEventsPerGroup: full.maxEventsPerGroup,
    })
  }
  return parsed.filter((pc) => !broken.has(pc) && !consumedQuietly.has(pc)).map(instantiate)
}
