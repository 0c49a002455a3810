import type { FeatureGateStage } from '../../posture/check.js'

/** One FeatureSpec as written: `version` only in the versioned format; `default` may name a bool const. */
export interface GoSpec {
  version?: string
  default: boolean | string
  stage: FeatureGateStage
  locked: boolean
}

/** A map entry: its key as written (`Foo` or `genericfeatures.Foo`) and its specs in source order. */
export interface GoSpecEntry {
  key: string
  specs: GoSpec[]
}

// map[featuregate.Feature]featuregate.VersionedSpecs{ (1.31+) or …FeatureSpec{ (older, and client-go's own types)
const SPEC_MAP = /map\[(?:\w+\.)?Feature\](?:\w+\.)?(VersionedSpecs|FeatureSpec)\s*\{/g
const STAGES: Record<string, FeatureGateStage> = { Alpha: 'ALPHA', Beta: 'BETA', GA: 'GA', Deprecated: 'DEPRECATED' }

function withoutComments(text: string): string {
  // Safe here: the only strings inside spec maps are version numbers.
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '')
}

/** Index just past the `}` closing the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i + 1
  }
  throw new Error(`unbalanced braces after offset ${open}`)
}

function specOf(fields: string): GoSpec | undefined {
  const stage = /PreRelease:\s*(?:\w+\.)?(Alpha|Beta|GA|Deprecated)\b/.exec(fields)?.[1]
  const fallback = /(?<!\w)Default:\s*(\w+)/.exec(fields)?.[1]
  if (!stage || fallback === undefined) return undefined
  // (?<!\w) keeps MinCompatibilityVersion: version.MustParse(…) from being read as the spec's Version
  const version = /(?<!\w)Version:\s*version\.MustParse\("v?(\d+\.\d+)[^"]*"\)/.exec(fields)?.[1]
  const def = fallback === 'true' ? true : fallback === 'false' ? false : fallback
  return { version, default: def, stage: STAGES[stage], locked: /LockToDefault:\s*true/.test(fields) }
}

function entriesOf(body: string, versioned: boolean): GoSpecEntry[] {
  const entries: GoSpecEntry[] = []
  // a key is `Foo`, `pkg.Foo` or a conversion such as `featuregate.Feature(clientfeatures.Foo)`
  const key = /(?:(?:\w+\.)?Feature\()?([A-Za-z_][\w.]*)\)?\s*:\s*\{/g
  for (let match = key.exec(body); match; match = key.exec(body)) {
    const end = closing(body, match.index + match[0].length - 1)
    const value = body.slice(match.index + match[0].length, end - 1)
    const parts = versioned ? [...value.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]) : [value]
    entries.push({ key: match[1], specs: parts.map(specOf).filter((s): s is GoSpec => s !== undefined) })
    key.lastIndex = end
  }
  return entries
}

/**
 * The entries of every feature-spec map in a Go file, in either format:
 * `Foo: {{Version: version.MustParse("1.30"), Default: false, PreRelease: featuregate.Alpha}}` or
 * `Foo: {Default: false, PreRelease: featuregate.Alpha}`. Dependency maps and other maps are skipped.
 * @example
 * parseGoSpecMaps('var m = map[featuregate.Feature]featuregate.FeatureSpec{\n\tFoo: {Default: false, PreRelease: featuregate.Alpha},\n}')
 * // [{ key: 'Foo', specs: [{ version: undefined, default: false, stage: 'ALPHA', locked: false }] }]
 */
export function parseGoSpecMaps(text: string): GoSpecEntry[] {
  const code = withoutComments(text)
  return [...code.matchAll(SPEC_MAP)].flatMap((map) => {
    const open = map.index + map[0].length - 1
    return entriesOf(code.slice(open + 1, closing(code, open) - 1), map[1] === 'VersionedSpecs')
  })
}
