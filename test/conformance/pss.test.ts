import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/posture/input/parse-manifests.js'
import { runPosture } from '../../src/posture/runner.js'
import type { PssLevel } from '../../src/posture/check.js'

// Upstream pod-security-admission fixtures, read in place (never copied into the repo).
const ROOT = path.resolve(process.cwd(), '../shared/conformance/pss')

interface ManifestFile {
  path: string
  level: PssLevel
  version: string
  expect: 'allowed' | 'denied'
  fixtureCheckId: string
  reportedByCheckAtThisLevel?: string
}
interface Manifest {
  checks: Record<string, { level: PssLevel; forbiddenReason: string }>
  files: ManifestFile[]
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Manifest

/** Why one fixture did not behave, or undefined when it did. */
function judge(file: ManifestFile): string | undefined {
  const { objects, problems } = parseManifests(readFileSync(path.join(ROOT, file.path), 'utf8'), file.path)
  if (problems.length > 0 || objects.length !== 1) return `did not parse: ${problems.map((p) => p.message).join('; ')}`
  const { findings } = runPosture(objects, { pssVersion: file.version, levels: [file.level] })
  const pss = findings.filter((f) => f.checkId.startsWith('pss.') && f.resource?.kind === 'Pod')
  if (file.expect === 'allowed') {
    return pss.length === 0 ? undefined : `expected clean, got ${pss.map((f) => `${f.checkId}: ${f.message}`).join(' | ')}`
  }
  const checkId = file.reportedByCheckAtThisLevel ?? file.fixtureCheckId
  const expected = `pss.${manifest.checks[checkId].level}.${checkId}`
  const hit = pss.find((f) => f.checkId === expected)
  if (!hit) return `expected ${expected}, got ${pss.map((f) => f.checkId).join(', ') || 'nothing'}`
  const reason = manifest.checks[checkId].forbiddenReason.replace('(s)', '')
  if (!hit.message.startsWith(reason)) return `message "${hit.message}" does not start with upstream reason "${reason}"`
  const controls = hit.controls
  if (!controls.includes(`pss:${manifest.checks[checkId].level}:${checkId}`)) return `controls ${controls.join(', ')}`
  return undefined
}

describe('Pod Security Standards conformance (upstream v1.37 fixtures)', () => {
  it('has the 148 fixtures and 19 checks the manifest describes', () => {
    expect(manifest.files).toHaveLength(148)
    expect(Object.keys(manifest.checks)).toHaveLength(19)
  })

  it('allows every pass fixture and denies every fail fixture under its check, at its level', () => {
    const failures = manifest.files.flatMap((file) => {
      const why = judge(file)
      return why ? [`${file.path}: ${why}`] : []
    })
    // One assertion with the whole list, so a regression shows every fixture it breaks at once.
    expect(failures, `${148 - failures.length}/148 conform`).toEqual([])
  })

  it('evaluates restricted fail fixtures at baseline as the manifest derives', () => {
    const failures = manifest.files
      .filter((f): f is ManifestFile & { expectAtBaseline: string } => 'expectAtBaseline' in f)
      .flatMap((file) => {
        const { objects } = parseManifests(readFileSync(path.join(ROOT, file.path), 'utf8'), file.path)
        const { findings } = runPosture(objects, { pssVersion: file.version, levels: ['baseline'] })
        const denied = findings.some((f) => f.checkId.startsWith('pss.baseline.'))
        return denied === (file.expectAtBaseline === 'denied') ? [] : [`${file.path}: expected ${file.expectAtBaseline} at baseline`]
      })
    expect(failures).toEqual([])
  })
})
