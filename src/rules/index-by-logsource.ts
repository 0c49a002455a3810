import type { CompiledRule, Logsource } from './rule.js'
import { compileFieldPath } from './sigma/field-path.js'

/** Options of a {@link RuleIndex}. */
export interface RuleIndexOptions {
  /** Ignore logsources: every rule is a candidate for every event as far as its verb/resource keys allow. */
  anyLogsource?: boolean
}

interface Bucket {
  logsource: Logsource
  byVerb: Map<string, number[]>
  anyVerb: number[]
}

const readVerb = compileFieldPath('verb')
const readResource = compileFieldPath('objectRef.resource')
const KEYS = ['product', 'service', 'category'] as const
// Verbs × resources seen in a real cluster stay in the low thousands; the cap guards odd inputs.
const MAX_CACHED_TRIPLES = 10_000

/**
 * Enabled compiled rules indexed by logsource, verb and resource, so each event meets only the
 * rules that could match it (falco's evttype index). Rules without index keys are always candidates.
 * @example
 * const index = new RuleIndex(rules)
 * for (const rule of index.candidates(event.payload, { product: 'kubernetes', service: 'audit' })) if (rule.match(event.payload)) …
 */
export class RuleIndex {
  private readonly rules: CompiledRule[]
  private readonly buckets: Bucket[] = []
  private readonly bucketCache = new Map<string, Bucket[]>()
  private readonly candidateCache = new Map<string, Map<string, Map<string, CompiledRule[]>>>()
  private cachedTriples = 0
  private lastLogsource: Logsource | undefined
  private lastLogsourceKey = '*'

  constructor(
    rules: CompiledRule[],
    private readonly options: RuleIndexOptions = {},
  ) {
    this.rules = rules.filter((r) => r.enabled)
    const byKey = new Map<string, Bucket>()
    this.rules.forEach((rule, i) => {
      const key = KEYS.map((k) => rule.logsource[k] ?? '').join('|')
      let bucket = byKey.get(key)
      if (!bucket) {
        bucket = { logsource: rule.logsource, byVerb: new Map(), anyVerb: [] }
        byKey.set(key, bucket)
        this.buckets.push(bucket)
      }
      if (!rule.index.verb) bucket.anyVerb.push(i)
      else for (const verb of rule.index.verb) bucket.byVerb.set(verb, [...(bucket.byVerb.get(verb) ?? []), i])
    })
  }

  /** Number of indexed (enabled) rules. */
  get size(): number {
    return this.rules.length
  }

  /** The rules, in their original order, whose logsource fits and whose verb/resource keys admit the event. */
  candidates(event: Record<string, unknown>, logsource?: Logsource): CompiledRule[] {
    const verb = firstLower(readVerb, event) ?? ''
    const resource = firstLower(readResource, event) ?? ''
    // Few (logsource, verb, resource) triples occur, so each list is built once and reused; the
    // lookup builds no key strings, as it runs for every event.
    if (logsource !== this.lastLogsource) {
      this.lastLogsource = logsource
      this.lastLogsourceKey = logsource ? KEYS.map((k) => logsource[k] ?? '').join('|') : '*'
    }
    let byVerb = this.candidateCache.get(this.lastLogsourceKey)
    if (!byVerb) this.candidateCache.set(this.lastLogsourceKey, (byVerb = new Map()))
    let byResource = byVerb.get(verb)
    if (!byResource) byVerb.set(verb, (byResource = new Map()))
    const memo = byResource.get(resource)
    if (memo) return memo
    const out = this.pick(verb || undefined, resource || undefined, logsource)
    if (++this.cachedTriples > MAX_CACHED_TRIPLES) {
      this.candidateCache.clear()
      this.cachedTriples = 0
    }
    byResource.set(resource, out)
    return out
  }

  private pick(verb: string | undefined, resource: string | undefined, logsource: Logsource | undefined): CompiledRule[] {
    const picked: number[] = []
    for (const bucket of this.bucketsFor(logsource)) {
      picked.push(...bucket.anyVerb)
      const byVerb = verb === undefined ? undefined : bucket.byVerb.get(verb)
      if (byVerb) picked.push(...byVerb)
    }
    picked.sort((a, b) => a - b)
    const out: CompiledRule[] = []
    for (const i of picked) {
      const r = this.rules[i]
      if (!r.index.resource || (resource !== undefined && r.index.resource.includes(resource))) out.push(r)
    }
    return out
  }

  private bucketsFor(logsource: Logsource | undefined): Bucket[] {
    if (this.options.anyLogsource || !logsource) return this.buckets
    const key = KEYS.map((k) => logsource[k]?.toLowerCase() ?? '').join('|')
    let cached = this.bucketCache.get(key)
    if (!cached) {
      // Attributes only conflict when both sides name them: an event source rarely states a category.
      cached = this.buckets.filter((b) => KEYS.every((k) => !b.logsource[k] || !logsource[k] || b.logsource[k] === logsource[k]!.toLowerCase()))
      this.bucketCache.set(key, cached)
    }
    return cached
  }
}

function firstLower(read: typeof readVerb, event: Record<string, unknown>): string | undefined {
  const fv = read(event)
  const i = fv.values.findIndex((x) => typeof x === 'string')
  return i < 0 ? undefined : fv.lower()[i]
}
