import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { KubesiemError } from '../core/errors.js'
import { parseCisDefinitions, type CisBenchmark } from '../posture/checks/cis/index.js'
import { CONTENT_DIR } from './paths.js'

/**
 * The CIS benchmark version bundled in content/cis/.
 * @example
 * loadCisBenchmark(BUNDLED_CIS)
 */
export const BUNDLED_CIS = 'cis-1.12'

/**
 * Load our CIS definitions from content/cis/<name>.yaml. A bad definition is our bug, so it throws
 * rather than running with a check silently missing.
 * @example
 * runPosture(objects, { cis: loadCisBenchmark() })
 */
export function loadCisBenchmark(name = BUNDLED_CIS): CisBenchmark {
  const file = join(CONTENT_DIR, 'cis', `${name}.yaml`)
  const { benchmark, problems } = parseCisDefinitions(readFileSync(file, 'utf8'), file)
  if (problems.length > 0) throw new KubesiemError('KUBESIEM_POSTURE_BAD_CIS_DEFINITION', { where: file, detail: problems.map((p) => p.message).join('; ') })
  return benchmark
}
