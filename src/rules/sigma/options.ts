import type { CompiledRule } from '../rule.js'
import type { Problem } from '../../core/index.js'
import type { CorrelationRule } from './correlation.js'
import type { ParsedYaml } from './yaml-tree.js'

/** A file to load: its path (for messages) and its text, parsed already when another thread did it. */
export interface SigmaFile {
  path: string
  text: string
  parsed?: ParsedYaml
}

/** Options of {@link loadSigmaRules}. */
export interface SigmaLoadOptions {
  /** Extra files with filter documents; filter documents inside `files` work too. */
  filters?: SigmaFile[]
  /** Values for `|expand` placeholders, by name without the percent signs. Unknown ones match nothing. */
  placeholders?: Record<string, string[]>
  /** Licence recorded on every rule without its own `license` (pass 'DRL-1.1' for SigmaHQ rules). */
  license?: string
  /** Cap on the live groups of each correlation rule (default 100 000, oldest evicted first). */
  maxGroups?: number
  /** Cap on the events remembered per correlation group (default 10 000, oldest dropped first). */
  maxEventsPerGroup?: number
  /** Warn (KUBESIEM_SIGMA_NOT_INDEXABLE) about kubernetes rules that the rule index must check for every event. */
  warnNotIndexable?: boolean
}

/** What {@link loadSigmaRules} returns: what loaded, and every problem found on the way. */
export interface SigmaLoadResult {
  rules: CompiledRule[]
  correlations: CorrelationRule[]
  problems: Problem[]
}
