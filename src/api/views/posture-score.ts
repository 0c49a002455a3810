import type { Finding, Severity } from '../../core/index.js'

export const POSTURE_METHOD = 'score = 100 minus a weight per open finding (critical 10, high 5, medium 2, low 1, info 0), floored at 0'
const WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 1, info: 0 }

/** A posture summary: score, counts by severity, by control and by namespace. */
export interface PostureSummary {
  score: number
  method: string
  total: number
  bySeverity: Record<string, number>
  byControl: Record<string, number>
  byNamespace: Record<string, number>
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1
}

/**
 * Summarize findings into the score the overview shows, with its method stated.
 * @example summarizePosture(findings).score // 100 when nothing fails
 */
export function summarizePosture(findings: Finding[]): PostureSummary {
  const bySeverity: Record<string, number> = {}
  const byControl: Record<string, number> = {}
  const byNamespace: Record<string, number> = {}
  let penalty = 0
  for (const f of findings) {
    penalty += WEIGHT[f.severity] ?? 0
    bump(bySeverity, f.severity)
    for (const control of f.controls.length ? f.controls : [f.checkId]) bump(byControl, control)
    bump(byNamespace, f.resource?.namespace ?? '(cluster)')
  }
  return { score: Math.max(0, 100 - penalty), method: POSTURE_METHOD, total: findings.length, bySeverity, byControl, byNamespace }
}

/** Exposure findings are the ones whose check id starts with `exposure.`. */
export function isExposure(finding: Finding): boolean {
  return finding.checkId.startsWith('exposure.')
}

/**
 * The score of each stored run, oldest first (a run's findings share their time).
 * @example postureTrend(findings) // [{ time: '2026-03-01T10:00:00Z', score: 85 }, …]
 */
export function postureTrend(findings: Finding[]): { time: string; score: number }[] {
  const runs = new Map<string, Finding[]>()
  for (const f of findings) if (f.time) runs.set(f.time, [...(runs.get(f.time) ?? []), f])
  return [...runs].sort(([a], [b]) => a.localeCompare(b)).map(([time, run]) => ({ time, score: summarizePosture(run).score }))
}
