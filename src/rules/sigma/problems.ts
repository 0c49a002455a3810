import { formatMessage, type ErrorDetails, type Problem } from '../../core/errors.js'
import type { SIGMA_ERRORS } from '../../core/errors/sigma.js'
import { closestName } from '../../core/index.js'

/** A Sigma error code of the catalogue. */
export type SigmaCode = keyof typeof SIGMA_ERRORS

/** Where problems of one rule go, located in its file. */
export interface Reporter {
  ruleId: string
  file: string
  problems: Problem[]
  pos(at: number): { line: number; col: number }
}

/**
 * Record a located, coded problem; `{rule}`, `{line}` and `{col}` are filled in for the message.
 * @example
 * report(rep, 'KUBESIEM_SIGMA_BAD_REGEX', node.at, { pattern: '(', detail: 'missing )' })
 */
export function report(rep: Reporter, code: SigmaCode, at: number, details: ErrorDetails = {}, severity: Problem['severity'] = 'error'): void {
  const { line, col } = rep.pos(at)
  const message = formatMessage(code, { rule: rep.ruleId, line, col, where: `${rep.file}:${line}:${col}`, ...details })
  rep.problems.push({ code, severity, message, file: rep.file, line, col, ruleId: rep.ruleId })
}

/**
 * "did you mean" text for a misspelt name, from the closest known name (edit distance ≤ 2, or a third of the word).
 * @example
 * suggest('contans', ['contains', 'startswith']) // 'did you mean "contains"?'
 */
export function suggest(got: string, known: Iterable<string>): string {
  const best = closestName(got, known)
  return best !== undefined ? `did you mean "${best}"?` : 'check the spelling'
}

