import { readFile } from 'node:fs/promises'
import { SEVERITIES } from '../../core/alert.js'
import { KubesiemError, type Problem } from '../../core/errors.js'
import type { Finding } from '../../core/finding.js'
import { loadCisBenchmark } from '../../content/load-cis.js'
import { loadK8sFeatureGates } from '../../content/load-feature-gates.js'
import { loadK8sReleases } from '../../content/load-releases.js'
import { BUILTIN_CHECKS, CLUSTER_HARDENING_CHECKS, runPosture, type CisBenchmark, type CisCoverage, type PssLevel } from '../../posture/index.js'
import { applyExceptions, findingJson, findingsAsHtml, findingsAsJunit, findingsAsSarif, formatSummary, parseExceptions, resourceLabel, scorePosture } from '../../posture/report/index.js'
import { formatJsonLines, formatTable } from '../format.js'
import { POSTURE_FORMATS } from './posture-formats.js'
import { readHostInputs, readPostureInput, type InputFlags } from '../../sources/cluster-objects/read-input.js'


/** `kubesiem posture` flags as commander parses them. */
export interface PostureFlags extends InputFlags {
  format?: string
  pssVersion?: string
  level?: string
  exceptions?: string
  cluster?: string
  node?: boolean
  nodeRoot?: string
  undecided?: boolean
  pki?: string
}

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<string, number>

/**
 * `kubesiem posture PATH... | --kubeconfig FILE`: run every check, print findings on stdout in the
 * chosen format and the summary (problems with file:line, counts, scores) on stderr.
 * @example
 * await runPostureCommand(['dump.json'], { format: 'json' }, console.log, console.error)
 */
export async function runPostureCommand(paths: string[], flags: PostureFlags, out: (text: string) => void, err: (text: string) => void): Promise<{ findings: Finding[]; problems: Problem[] }> {
  const format = flags.format ?? 'table'
  if (!(POSTURE_FORMATS as readonly string[]).includes(format)) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `--format must be one of ${POSTURE_FORMATS.join(', ')}, got "${format}"` })
  const levels = parseLevels(flags.level)
  const cis = loadCisBenchmark()
  const onNode = flags.node === true || flags.nodeRoot !== undefined
  const input = await readPostureInput(paths, { ...flags, node: onNode || flags.pki !== undefined }, 'posture')
  input.objects.push(...(await readHostInputs({ node: onNode, nodeRoot: flags.nodeRoot, pki: flags.pki }, cis.checks.flatMap((c) => c.files))))
  const cluster = flags.cluster ?? input.cluster
  const checks = [...BUILTIN_CHECKS, ...CLUSTER_HARDENING_CHECKS]
  const result = runPosture(input.objects, { pssVersion: flags.pssVersion, levels, checks, cis, releases: loadK8sReleases(), featureGates: loadK8sFeatureGates() })
  const problems = [...input.problems, ...result.problems]
  const coverage = result.summary.cis
  let findings: Finding[] = [...result.findings, ...(flags.undecided && coverage ? undecidedFindings(cis, coverage) : [])].map((f) => ({ ...f, cluster }))
  let accepted = 0
  let expired: Array<{ checkId: string; expires?: string }> = []
  if (flags.exceptions) {
    const file = flags.exceptions
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new KubesiemError('KUBESIEM_POSTURE_BAD_EXCEPTION', { where: file, detail: `cannot read the exceptions file: ${error.message}` })
    })
    const parsed = parseExceptions(text, file)
    problems.push(...parsed.problems)
    const applied = applyExceptions(findings, parsed.exceptions, new Date())
    findings = applied.kept
    accepted = applied.accepted.length
    expired = applied.expired
  }
  findings.sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.checkId.localeCompare(b.checkId) || resourceLabel(a).localeCompare(resourceLabel(b)))
  const score = scorePosture(input.objects.map((o) => o.object), findings)
  const text = render(format, findings, score)
  if (text) out(text)
  for (const line of formatSummary({ objects: input.objects.length, problems, findings, score, cluster, accepted, expired, undecided: coverage?.undecided })) err(line)
  return { findings, problems }
}

// Asked for with --undecided: one info entry per CIS check the input could not decide.
function undecidedFindings(cis: CisBenchmark, coverage: CisCoverage): Finding[] {
  return coverage.undecided.map(({ id, reason }) => {
    const def = cis.checks.find((c) => c.id === id)
    return { checkId: `cis.${id}`, controls: [`cis:${id}`], severity: 'info', message: `CIS ${id} ${def?.title ?? ''}: undecided, ${reason}`, remediation: def?.remediation ?? '', evidence: { benchmark: cis.benchmark, state: 'UNDECIDED', reason } }
  })
}

function render(format: string, findings: Finding[], score: ReturnType<typeof scorePosture>): string {
  if (format === 'json') return formatJsonLines(findings.map(findingJson))
  if (format === 'sarif') return findingsAsSarif(findings, '0.1.0')
  if (format === 'junit') return findingsAsJunit(findings)
  if (format === 'html') return findingsAsHtml(findings, score)
  if (findings.length === 0) return ''
  return formatTable(findings.map((f) => ({ severity: f.severity, check: f.checkId, resource: resourceLabel(f), message: f.message })), ['severity', 'check', 'resource', 'message'])
}

function parseLevels(level: string | undefined): PssLevel[] | undefined {
  if (level === undefined) return undefined
  const levels = level.split(',').map((l) => l.trim())
  const bad = levels.find((l) => l !== 'baseline' && l !== 'restricted')
  if (bad !== undefined) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `--level takes baseline and/or restricted, got "${bad}"` })
  return levels as PssLevel[]
}
