import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KubesiemError } from '../core/errors.js'
import { renderSnapshot } from './feature-gates/snapshot.js'
import { loadK8sFeatureGates, parseK8sFeatureGates } from './load-feature-gates.js'
import { CONTENT_DIR } from './paths.js'

const bundled = loadK8sFeatureGates()

describe('the bundled feature-gate snapshot', () => {
  it('loads, names its sources and is what the generator writes', () => {
    expect(Object.keys(bundled.gates).length).toBeGreaterThan(200)
    expect(bundled.sources[0]).toMatchObject({ repo: 'kubernetes/kubernetes', path: 'pkg/features/kube_features.go' })
    expect(bundled.gates.CustomCPUCFSQuotaPeriod?.[0]).toEqual({ since: '1.12', stage: 'ALPHA', default: false, locked: false })
    // hand edits show up here: regenerate instead (docs/posture.md)
    expect(renderSnapshot(bundled)).toBe(readFileSync(join(CONTENT_DIR, 'k8s-feature-gates.json'), 'utf8'))
  })

  it('rejects a malformed table with an error naming the field', () => {
    const bad = { ...bundled, gates: { ...bundled.gates, Foo: [{ since: '1.30', stage: 'EXPERIMENTAL', default: false, locked: false }] } }
    expect(() => parseK8sFeatureGates(bad, 'bad.json')).toThrow(/^bad\.json: bad feature-gate table at "gates\.Foo\.0\.stage": /)
    const error = (() => {
      try {
        parseK8sFeatureGates({ ...bundled, snapshotDate: 'yesterday' })
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(KubesiemError)
    expect(error).toMatchObject({ code: 'KUBESIEM_POSTURE_BAD_FEATURE_GATES', details: { field: 'snapshotDate' } })
    expect(() => parseK8sFeatureGates({ ...bundled, gates: { Foo: [{ since: 'v1.30', stage: 'ALPHA', default: false, locked: false }] } })).toThrow(/"gates\.Foo\.0\.since": expected a minor version/)
  })

  it('says which file could not be read or parsed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kubesiem-gates-')), 'gates.json')
    writeFileSync(file, '{ "snapshotDate": ')
    expect(() => loadK8sFeatureGates(file)).toThrow(new RegExp(`^${file}: bad feature-gate table at "\\(file\\)"`))
  })
})
