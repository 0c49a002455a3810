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
const readSubresource = compileFieldPath('objectRef.subresource')
const readCode = compileFieldPath('responseStatus.code')
const KEYS = ['product', 'service', 'category'] as const
// The (verb, resource, subresource, code) keys seen in a real cluster stay in the low thousands;
// the cap guards odd inputs.
const MAX_CACHED_KEYS = 50_000

// Nested by verb, resource, subresource and response code: the lookup builds no key strings.
type Memo = Map<string, Map<string, Map<string, Map<string, CompiledRule[]>>>>

/**
 * Enabled compiled rules indexed by logsource, verb, resource, subresource and response code, so
 * each event meets only the rules that could match it (falco's evttype index). Rules without index
 * keys are always candidates.
 * @example
 * const index = new RuleIndex(rules)
 * for (const rule of index.candidates(event.payload, { product: 'kubernetes', service: 'audit' })) if (rule.match(event.payload)) …
 */
export class RuleIndex {
  private readonly rules: CompiledRule[]
  private readonly buckets: Bucket[] = []
  private readonly bucketCache = new Map<string, Bucket[]>()
  private readonly candidateCache = new Map<string, Memo>()
  private cachedKeys = 0
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

  /** The rules, in their original order, whose logsource fits and whose index keys admit the event. */
  candidates(event: Record<string, unknown>, logsource?: Logsource): CompiledRule[] {
    const verb = firstLower(readVerb, event) ?? ''
    const resource = firstLower(readResource, event) ?? ''
    const subresource = firstLower(readSubresource, event) ?? ''
    const code = firstText(readCode, event) ?? ''
    // Few key combinations occur, so each list is built once and reused.
    if (logsource !== this.lastLogsource) {
      this.lastLogsource = logsource
      this.lastLogsourceKey = logsource ? KEYS.map((k) => logsource[k] ?? '').join('|') : '*'
    }
    let byVerb = this.candidateCache.get(this.lastLogsourceKey)
    if (!byVerb) this.candidateCache.set(this.lastLogsourceKey, (byVerb = new Map()))
    let byResource = byVerb.get(verb)
    if (!byResource) byVerb.set(verb, (byResource = new Map()))
    let bySubresource = byResource.get(resource)
    if (!bySubresource) byResource.set(resource, (bySubresource = new Map()))
    let byCode = bySubresource.get(subresource)
    if (!byCode) bySubresource.set(subresource, (byCode = new Map()))
    const memo = byCode.get(code)
    if (memo) return memo
    const out = this.pick({ verb, resource, subresource, code }, logsource)
    if (++this.cachedKeys > MAX_CACHED_KEYS) {
      this.candidateCache.clear()
      this.cachedKeys = 0
    }
    byCode.set(code, out)
    return out
  }

  // Empty strings stand for a missing field: only a rule that requires it missing ('' among its keys) admits it.
  private pick(keys: { verb: string; resource: string; subresource: string; code: string }, logsource: Logsource | undefined): CompiledRule[] {
    const picked: number[] = []
    for (const bucket of this.bucketsFor(logsource)) {
      picked.push(...bucket.anyVerb)
      const byVerb = bucket.byVerb.get(keys.verb)
      if (byVerb) picked.push(...byVerb)
    }
    picked.sort((a, b) => a - b)
    const admits = (wanted: string[] | undefined, value: string): boolean => !wanted || wanted.includes(value)
    const out: CompiledRule[] = []
    for (const i of picked) {
      const r = this.rules[i]
      if (admits(r.index.resource, keys.resource) && admits(r.index.subresource, keys.subresource) && admits(r.index.code, keys.code)) out.push(r)
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

// A response code is a JSON number, or a string in flattened events.
function firstText(read: typeof readVerb, event: Record<string, unknown>): string | undefined {
  const fv = read(event)
  const i = fv.values.findIndex((x) => typeof x === 'string' || typeof x === 'number')
  return i < 0 ? undefined : fv.texts()[i]
}
