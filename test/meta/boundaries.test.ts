import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { ROOT } from '../e2e/helpers.js'

const SRC = join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!)
}

const IO_MODULES = /^node:(fs|fs\/promises|net|http|https|child_process|dgram|tls)$/

// The rules of ../shared/DESIGN.md: what must never import what. Targets are top folders of src/.
const RULES: { area: string; allowOnly?: string[]; forbid?: string[]; noIo?: boolean; except?: RegExp; why: string }[] = [
  { area: 'core', allowOnly: ['core'], noIo: true, why: 'core imports nothing of ours' },
  { area: 'rules', forbid: ['store', 'api', 'sources', 'cli', 'alerting', 'pipeline'], noIo: true, why: 'rules do no I/O and know no store, api or source' },
  { area: 'posture', forbid: ['store', 'api', 'sources', 'cli', 'alerting'], noIo: true, except: /^posture\/input\/read-files\.ts$/, why: 'posture checks do no I/O' },
  { area: 'pipeline', forbid: ['api', 'sources', 'cli'], noIo: true, why: 'the pipeline is pure but for the Store it is handed' },
  { area: 'sources', forbid: ['store', 'rules', 'api', 'cli', 'alerting'], why: 'a source never writes to the store (it would skip redaction and dedup)' },
  { area: 'store', forbid: ['api', 'sources', 'cli', 'rules', 'pipeline'], why: 'nothing but the Store interface joins the store to the rest' },
]

test('imports respect the house boundaries (DESIGN.md)', () => {
  const violations: string[] = []
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file)
    const area = rel.split('/')[0]
    for (const rule of RULES) {
      if (rule.area !== area || rule.except?.test(rel)) continue
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0]!
          const bad = rule.allowOnly ? !rule.allowOnly.includes(target) : rule.forbid?.includes(target)
          if (bad) violations.push(`${rel} imports ${spec}: ${rule.why}`)
        } else if (rule.noIo && IO_MODULES.test(spec)) violations.push(`${rel} imports ${spec}: ${rule.why}`)
      }
    }
  }
  expect(violations).toEqual([])
})
