import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../input/parse-manifests.js'
import { runPosture } from '../../runner.js'
import { HARDENING_CHECKS } from './index.js'

// Polaris test/checks fixtures, read in place: failure*.yaml must be flagged, success*.yaml must not.
const ROOT = path.resolve(process.cwd(), '../shared/conformance/polaris/checks-tests')

describe('hardening checks against Polaris fixtures', () => {
  it('flags every failure fixture and passes every success fixture of the checks we follow', () => {
    let cases = 0
    const failures = HARDENING_CHECKS.filter((check) => check.controls.some((c) => c.framework === 'polaris')).flatMap((check) => {
      const polarisId = check.controls.find((c) => c.framework === 'polaris')!.control
      return readdirSync(path.join(ROOT, polarisId))
        .filter((file) => /^(failure|success).*\.yaml$/.test(file))
        .flatMap((file) => {
          cases++
          const { objects, problems } = parseManifests(readFileSync(path.join(ROOT, polarisId, file), 'utf8'), file)
          if (problems.length > 0) return [`${polarisId}/${file}: ${problems[0].message}`]
          const hits = runPosture(objects, { checks: [check] }).findings
          const wantHit = file.startsWith('failure')
          return wantHit === hits.length > 0 ? [] : [`${polarisId}/${file}: expected ${wantHit ? 'a finding' : 'none'}, got ${hits.map((f) => f.message).join(' | ') || 'none'}`]
        })
    })
    expect(cases).toBeGreaterThan(30)
    expect(failures).toEqual([])
  })
})

describe('hardening check details', () => {
  const pod = (spec: Record<string, unknown>, kind = 'Pod') => ({
    apiVersion: kind === 'Job' ? 'batch/v1' : 'v1',
    kind,
    metadata: { name: 'w' },
    spec: kind === 'Job' ? { template: { spec } } : spec,
  })
  const run = (id: string, object: ReturnType<typeof pod>) => runPosture([object], { checks: HARDENING_CHECKS.filter((c) => c.id === id) }).findings

  it('names each offending container with a path', () => {
    const [finding] = run('hardening.container.image-tag', pod({ initContainers: [{ name: 'init', image: 'busybox:1.36' }], containers: [{ name: 'web', image: 'nginx:latest' }, { name: 'side', image: 'envoy' }] }))
    expect(finding.message).toBe('container "web" image "nginx:latest" has no tag or uses :latest; container "side" image "envoy" has no tag or uses :latest')
    expect((finding.evidence as { paths: string[] }).paths).toEqual(['/spec/containers/0/image', '/spec/containers/1/image'])
    expect(finding.controls).toEqual(['polaris:tagNotSpecified'])
  })

  it('skips probes for Jobs and resources for init containers, and accepts digests and secret refs', () => {
    expect(run('hardening.container.liveness-probe', pod({ containers: [{ name: 'batch', image: 'x:1' }] }, 'Job'))).toEqual([])
    const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi', cpu: 1 } }
    expect(run('hardening.container.cpu-limits', pod({ initContainers: [{ name: 'i' }], containers: [{ name: 'c', resources }] }))).toEqual([])
    expect(run('hardening.container.image-tag', pod({ containers: [{ name: 'c', image: 'nginx@sha256:abc' }] }))).toEqual([])
    const env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }, { name: 'MODE', value: 'prod' }]
    expect(run('hardening.container.sensitive-env-vars', pod({ containers: [{ name: 'c', env }] }))).toEqual([])
  })
})
