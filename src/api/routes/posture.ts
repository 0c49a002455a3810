import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Finding } from '../../core/index.js'
import type { Store } from '../../store/store.js'
import { guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'
import { isExposure, summarizePosture } from '../views/posture-score.js'

const Query = z.object({ cluster: z.string().optional() })

function key(f: Finding): string {
  return [f.checkId, f.cluster, f.resource?.kind, f.resource?.namespace, f.resource?.name, f.target].join('|')
}

/** Findings of the newest run and what changed against the run before (runs are told apart by time). */
function latestRuns(findings: Finding[]): { current: Finding[]; added: Finding[]; fixed: Finding[]; runTime?: string } {
  const times = [...new Set(findings.map((f) => f.time ?? ''))].sort().reverse()
  const current = findings.filter((f) => (f.time ?? '') === times[0])
  const previous = findings.filter((f) => (f.time ?? '') === times[1])
  if (times.length < 2) return { current, added: [], fixed: [], runTime: times[0] || undefined }
  const before = new Set(previous.map(key))
  const now = new Set(current.map(key))
  return { current, added: current.filter((f) => !before.has(key(f))), fixed: previous.filter((f) => !now.has(key(f))), runTime: times[0] || undefined }
}

/**
 * `GET /api/posture` and `GET /api/exposure`: the newest findings with their score, by control,
 * namespace and severity, and what changed since the run before.
 * @example curl -H "Authorization: Bearer $T" …/api/posture
 */
export async function postureRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore }): Promise<void> {
  const viewer = guarded(options.tokens, 'viewer')
  for (const [path, wanted] of [['/api/posture', false], ['/api/exposure', true]] as const) {
    app.get(path, viewer, async (request) => {
      const q = parseBody(Query, request.query)
      const all = (await options.store.queryFindings({ cluster: q.cluster, limit: 100_000 })).filter((f) => isExposure(f) === wanted)
      const runs = latestRuns(all)
      return { ...runs, summary: summarizePosture(runs.current) }
    })
  }
}
