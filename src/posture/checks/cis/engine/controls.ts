import { parse } from 'yaml'
import { isRecord } from '../../../types.js'
import type { BenchCheck, BenchControls, TestItem } from './types.js'

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value))
const bool = (value: unknown, fallback: boolean): boolean => (value === undefined || value === null || value === '' ? fallback : String(value).toLowerCase() === 'true')
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * Parse a kube-bench controls file (cfg/cis-*\/master.yaml, node.yaml, …). Every scalar is read as
 * text, as kube-bench's Go structs do, so `value: 0600` stays "0600" rather than becoming a number;
 * `set` defaults to true.
 * @example
 * const controls = parseControls(readFileSync('master.yaml', 'utf8'))
 */
export function parseControls(source: string): BenchControls {
  const doc = parse(joinQuotedContinuations(source), { schema: 'failsafe' }) as unknown
  if (!isRecord(doc)) throw new Error('controls file is not a mapping')
  return {
    id: text(doc.id),
    text: text(doc.text),
    type: text(doc.type),
    groups: list(doc.groups).filter(isRecord).map((group) => ({
      id: text(group.id),
      text: text(group.text),
      checks: list(group.checks).filter(isRecord).map(toCheck),
    })),
  }
}

function toCheck(check: Record<string, unknown>): BenchCheck {
  const tests = isRecord(check.tests) ? check.tests : undefined
  return {
    id: text(check.id),
    text: text(check.text),
    audit: text(check.audit),
    auditConfig: text(check.audit_config),
    auditEnv: text(check.audit_env),
    type: text(check.type),
    scored: bool(check.scored, false),
    useMultipleValues: bool(check.use_multiple_values, false),
    remediation: text(check.remediation),
    tests: tests ? { binOp: text(tests.bin_op), items: list(tests.test_items).filter(isRecord).map(toItem) } : undefined,
  }
}

function toItem(item: Record<string, unknown>): TestItem {
  const compare = isRecord(item.compare) ? { op: text(item.compare.op), value: text(item.compare.value) } : undefined
  return { flag: text(item.flag), path: text(item.path), env: text(item.env), set: bool(item.set, true), compare }
}

/**
 * go-yaml accepts a double-quoted scalar whose continuation line is indented no deeper than its key
 * (cis-1.12 etcd.yaml 2.4 has one); the yaml package rejects it. Fold such continuations onto the
 * opening line first, which is what the scalar means anyway (a line break folds to a space).
 * @example
 * joinQuotedContinuations('text: "a\nb"\n') // 'text: "a b"\n'
 */
export function joinQuotedContinuations(source: string): string {
  const lines = source.split('\n')
  const out: string[] = []
  const unbalanced = (line: string) => (line.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]
    if (/^\s*(- )?[\w-]+: "/.test(line) && unbalanced(line)) {
      while (i + 1 < lines.length && unbalanced(line)) line = `${line.trimEnd()} ${lines[++i].trim()}`
    }
    out.push(line)
  }
  return out.join('\n')
}
