import type { FeatureGateStage } from '../../posture/check.js'

/** What a Go const declaration holds: a gate name, a reference to another package's const, or a bool. */
export type GoConstValue = { name: string } | { ref: { pkg: string; ident: string } } | { bool: boolean }

/** One declaration of a `const ( … )` block, with the `// alpha: v1.26`-style notes written above it. */
export interface GoConst {
  ident: string
  value: GoConstValue
  /** Minor version per stage from the comments above (older files record history only there). */
  notes: Partial<Record<FeatureGateStage, string>>
}

const CONST_BLOCK = /^const\s*\(\n([\s\S]*?)^\)/gm
// `Name featuregate.Feature = …`, `Name Feature = …`, `Name = …`
const DECLARATION = /^([A-Za-z_]\w*)(?:\s+[\w.]+)?\s*=\s*(.+?)\s*(?:\/\/.*)?$/
const NOTE = /^\/\/\s*(alpha|beta|ga|stable|deprecated)\s*:\s*v?(\d+\.\d+)/i
const NOTE_STAGE: Record<string, FeatureGateStage> = { alpha: 'ALPHA', beta: 'BETA', ga: 'GA', stable: 'GA', deprecated: 'DEPRECATED' }

function valueOf(text: string): GoConstValue | undefined {
  // featuregate.Feature("X") and featuregate.Feature(pkg.X) are conversions of what they wrap
  const inner = /^(?:\w+\.)?Feature\((.+)\)$/.exec(text)?.[1] ?? text
  const literal = /^"([^"]+)"$/.exec(inner)
  if (literal) return { name: literal[1] }
  if (inner === 'true' || inner === 'false') return { bool: inner === 'true' }
  const ref = /^(\w+)\.(\w+)$/.exec(inner)
  return ref ? { ref: { pkg: ref[1], ident: ref[2] } } : undefined
}

/**
 * The declarations of a Go file's const blocks, keyed by identifier. Feature gate names are
 * usually the identifier, but not always (`CPUCFSQuotaPeriod = "CustomCPUCFSQuotaPeriod"`).
 * @example
 * parseGoConsts('const (\n\t// alpha: v1.26\n\tFoo featuregate.Feature = "Foo"\n)\n').get('Foo')
 * // { ident: 'Foo', value: { name: 'Foo' }, notes: { ALPHA: '1.26' } }
 */
export function parseGoConsts(text: string): Map<string, GoConst> {
  const consts = new Map<string, GoConst>()
  for (const block of text.matchAll(CONST_BLOCK)) {
    let notes: GoConst['notes'] = {}
    for (const raw of block[1].split('\n')) {
      const line = raw.trim()
      const note = NOTE.exec(line)
      if (note) notes[NOTE_STAGE[note[1].toLowerCase()]] = note[2]
      if (line.startsWith('//') || line === '') continue
      const declaration = DECLARATION.exec(line)
      const value = declaration && valueOf(declaration[2])
      if (declaration && value) consts.set(declaration[1], { ident: declaration[1], value, notes })
      // Notes belong to the declaration they precede; blank lines inside one comment block do not end it.
      notes = {}
    }
  }
  return consts
}
