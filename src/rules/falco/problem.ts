import { formatMessage, type ErrorDetails, type Problem } from '../../core/errors.js'
import type { FalcoErrorCode } from './compile-error.js'

const WARNINGS = new Set<FalcoErrorCode>(['KUBESIEM_FALCO_WRONG_SOURCE', 'KUBESIEM_FALCO_PLUGIN_VERSION'])

/**
 * A located, coded problem from the Falco loader; severity follows the code.
 * @example
 * falcoProblem('KUBESIEM_FALCO_BAD_PRIORITY', { name: 'r', priority: 'LOUD' }, { file: 'f.yaml', line: 3, col: 3 }, 'r')
 */
export function falcoProblem(code: FalcoErrorCode, details: ErrorDetails, loc?: { file: string; line: number; col: number }, ruleId?: string): Problem {
  return {
    code,
    severity: WARNINGS.has(code) ? 'warning' : 'error',
    message: formatMessage(code, details),
    ...(loc && { file: loc.file, line: loc.line, col: loc.col }),
    ...(ruleId !== undefined && { ruleId }),
  }
}
