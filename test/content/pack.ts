// The bundled rule pack, loaded once per test file, plus the helpers the content tests share.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'
import { loadSigmaRules } from '../../src/rules/sigma/index.js'
import type { CompiledRule } from '../../src/rules/rule.js'
import type { CorrelationRule } from '../../src/rules/sigma/index.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RULES_DIR = path.join(ROOT, 'content/rules/k8s-audit')
export const SAMPLES_DIR = path.join(ROOT, 'content/samples')
/** Read-only third-party material next to the repository; never copied into it. */
export const SHARED = path.resolve(ROOT, '../shared')

// The IOC rule reads its address list from a placeholder the deployment fills; the samples use the
// fixture list in content/samples/placeholders.json (which `kubesiem rules test` reads too).
const PLACEHOLDERS = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/samples/placeholders.json'), 'utf8')) as Record<string, string[]>
const OPTIONS = { placeholders: PLACEHOLDERS }
/** Levels that must stay quiet on normal clusters. */
export const LOUD = new Set(['medium', 'high', 'critical'])

export type AuditEvent = Record<string, any>

export interface Techniques {
  version: string
  tactics: Record<string, { id: string; name: string }>
  techniques: Record<string, { name: string; tactics: string[] }>
}
export const attack: Techniques = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/attack/techniques.json'), 'utf8'))

export const ruleFiles = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.yml')).sort()
export const files = ruleFiles.map((f) => ({ path: `content/rules/k8s-audit/${f}`, text: fs.readFileSync(path.join(RULES_DIR, f), 'utf8') }))
export const loaded = loadSigmaRules(files, OPTIONS)
export const byId = new Map<string, CompiledRule>(loaded.rules.map((r) => [r.ref.id, r]))
export const corrById = new Map<string, CorrelationRule>(loaded.correlations.map((c) => [c.ref.id, c]))

/** Every YAML document of every rule file, with the file it came from. */
export const docs = files.flatMap((f) =>
  YAML.parseAllDocuments(f.text).map((d, index) => ({ file: f.path, index, doc: d.toJS() as Record<string, any> })),
)

/** The compiled main rule of each file, by file name (`execution_pod_exec.yml`). */
export const ruleOfFile = new Map<string, CompiledRule>()
for (const { file, index, doc } of docs) if (index === 0 && byId.has(doc.id)) ruleOfFile.set(path.basename(file), byId.get(doc.id)!)

/** Rule file name by rule id, for messages. */
export const fileOfId = new Map<string, string>(docs.map(({ file, doc }) => [doc.id, path.basename(file)]))

/** The match-* / nomatch-* samples of a rule: one event per .json, a time-ordered sequence per .jsonl. */
export function readSamples(id: string): Array<{ name: string; expect: boolean; events: AuditEvent[] }> {
  const dir = path.join(SAMPLES_DIR, id)
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir).sort().map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8')
    const events = name.endsWith('.jsonl') ? readJsonLines(text) : [JSON.parse(text)]
    return { name, expect: name.startsWith('match-'), events }
  })
}

export const readJsonLines = (text: string): any[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))

const timeOf = (e: AuditEvent): number => Date.parse(e.stageReceivedTimestamp ?? e.requestReceivedTimestamp)

/** Feed events, in order, through one correlation rule and the base rules of a fresh load of its file; -1 if absent. */
export function correlationHits(corrId: string, file: string, events: AuditEvent[]): number {
  const fresh = loadSigmaRules(files.filter((f) => f.path === file), OPTIONS)
  const corr = fresh.correlations.find((c) => c.ref.id === corrId)
  if (!corr) return -1
  let hits = 0
  for (const e of events) {
    for (const r of fresh.rules) {
      if (corr.consumes.includes(r.ref.id) && r.match(e)) hits += corr.observe(r.ref.id, e, timeOf(e), e.auditID).length
    }
  }
  return hits
}

/** Hand-written samples often omit the stage: try both stages a rule may match. */
export const stageVariants = (e: AuditEvent): AuditEvent[] =>
  e.stage ? [e] : [{ ...e, stage: 'ResponseStarted' }, { ...e, stage: 'ResponseComplete' }]
