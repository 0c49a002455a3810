import { parse } from 'yaml'
import type { Severity } from '../../../core/alert.js'
import { SEVERITIES } from '../../../core/alert.js'
import { formatMessage, type Problem } from '../../../core/errors.js'
import { isRecord } from '../../types.js'
import type { BenchCheck, TestItem } from './engine/types.js'

/**
 * What a CIS check inspects.
 * @example
 * CIS_COMPONENTS.includes(def.component)
 */
export const CIS_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy', 'encryption-config', 'node-files', 'policies'] as const
export type CisComponent = (typeof CIS_COMPONENTS)[number]

/** One test item: a command-line flag, a config JSONPath and/or an env variable, and how to compare it. */
export interface CisTestItem {
  flag?: string
  config?: string
  env?: string
  absent?: boolean
  op?: string
  value?: string
}

/** One recommendation, as written in content/cis/cis-<version>.yaml. */
export interface CisDefinition {
  id: string
  title: string
  component: CisComponent
  scored: boolean
  decidable: boolean
  severity: Severity
  remediation: string
  match: 'all' | 'any'
  test: CisTestItem[]
  multiple: boolean
  files: string[]
  print?: 'mode' | 'owner' | 'ownership'
  decidedBy: string[]
}

/** A parsed definitions file. */
export interface CisBenchmark {
  benchmark: string
  checks: CisDefinition[]
}

const KEYS = new Set(['id', 'title', 'component', 'scored', 'decidable', 'severity', 'remediation', 'match', 'test', 'multiple', 'files', 'print', 'decidedBy'])
const ITEM_KEYS = new Set(['flag', 'config', 'env', 'absent', 'op', 'value'])
const OPS = new Set(['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'has', 'nothave', 'regex', 'valid_elements', 'bitmask'])

/**
 * Parse and validate CIS definitions. Unknown keys, components and operators are problems (a typo
 * must not silently turn a check off); the valid checks are still returned.
 * @example
 * const { benchmark, problems } = parseCisDefinitions(readFileSync('content/cis/cis-1.12.yaml', 'utf8'), 'cis-1.12.yaml')
 */
export function parseCisDefinitions(text: string, file: string): { benchmark: CisBenchmark; problems: Problem[] } {
  const problems: Problem[] = []
  const bad = (where: string, detail: string) =>
    problems.push({ code: 'KUBESIEM_POSTURE_BAD_CIS_DEFINITION', severity: 'error', file, message: formatMessage('KUBESIEM_POSTURE_BAD_CIS_DEFINITION', { where: `${file} ${where}`, detail }) })
  const doc = parse(text) as unknown
  if (!isRecord(doc) || !Array.isArray(doc.checks)) {
    bad('', 'expected a mapping with benchmark and checks')
    return { benchmark: { benchmark: 'cis', checks: [] }, problems }
  }
  const checks: CisDefinition[] = []
  for (const raw of doc.checks) {
    if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') {
      bad('', `a check without an id: ${JSON.stringify(raw)}`)
      continue
    }
    const where = `check ${raw.id}`
    const before = problems.length
    for (const key of Object.keys(raw)) if (!KEYS.has(key)) bad(where, `unknown key "${key}" (a comma in an unquoted flow scalar?)`)
    if (!CIS_COMPONENTS.includes(raw.component as CisComponent)) bad(where, `unknown component "${String(raw.component)}"`)
    if (raw.severity !== undefined && !SEVERITIES.includes(raw.severity as Severity)) bad(where, `unknown severity "${String(raw.severity)}"`)
    const test = (Array.isArray(raw.test) ? raw.test : []).map((item: unknown) => (isRecord(item) ? item : {}))
    for (const item of test) {
      for (const key of Object.keys(item)) if (!ITEM_KEYS.has(key)) bad(where, `unknown test key "${key}"`)
      if (item.op !== undefined && !OPS.has(String(item.op))) bad(where, `unknown op "${String(item.op)}"`)
      if (!item.flag && !item.config && !item.env) bad(where, 'a test item needs flag, config or env')
    }
    const decidable = raw.decidable !== false
    const decidedBy = Array.isArray(raw.decidedBy) ? raw.decidedBy.map(String) : []
    if (decidable && test.length === 0 && decidedBy.length === 0) bad(where, 'a decidable check needs test items or decidedBy')
    if (problems.length > before) continue
    checks.push({
      id: raw.id,
      title: String(raw.title ?? ''),
      component: raw.component as CisComponent,
      scored: raw.scored === true,
      decidable,
      severity: (raw.severity as Severity | undefined) ?? 'medium',
      remediation: String(raw.remediation ?? ''),
      match: raw.match === 'any' ? 'any' : 'all',
      test: test.map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, k === 'absent' ? v === true : String(v)])) as CisTestItem),
      multiple: raw.multiple === true,
      files: Array.isArray(raw.files) ? raw.files.map(String) : [],
      print: raw.print as CisDefinition['print'],
      decidedBy,
    })
  }
  return { benchmark: { benchmark: String(doc.benchmark ?? 'cis'), checks }, problems }
}

/**
 * The engine's view of a definition: kube-bench's check shape, so the comparison, the meaning of an
 * unset flag and the and/or join are kube-bench's.
 * @example
 * runCheck(toBenchCheck(def), { audit: 'kube-apiserver --profiling=false' }).state // 'PASS'
 */
export function toBenchCheck(def: CisDefinition): BenchCheck {
  const items: TestItem[] = def.test.map((item) => ({
    flag: item.flag ?? '',
    path: item.config ?? '',
    env: item.env ?? '',
    set: item.absent !== true,
    compare: item.op ? { op: item.op, value: item.value ?? '' } : undefined,
  }))
  return {
    id: def.id,
    text: def.title,
    audit: '',
    auditConfig: items.some((i) => i.path !== '') ? 'config' : '',
    auditEnv: items.some((i) => i.env !== '') ? 'env' : '',
    type: def.decidable ? '' : 'manual',
    scored: def.scored,
    useMultipleValues: def.multiple,
    tests: items.length > 0 ? { binOp: def.match === 'any' ? 'or' : 'and', items } : undefined,
    remediation: def.remediation,
  }
}
