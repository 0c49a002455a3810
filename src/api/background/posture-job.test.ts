import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { normalizeAuditEvent } from '../../pipeline/normalize/k8s-audit.js'
import { openDuckDbStore } from '../../store/duckdb/store.js'
import { startPostureJob } from './posture-job.js'

const pod = (privileged: boolean) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged } }] },
})

test('posture in the server: snapshot evaluated and stored, then kept current from audit events', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesiem-posture-job-'))
  const snapshot = join(dir, 'cluster.json')
  writeFileSync(snapshot, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod(true)] }))
  const store = await openDuckDbStore({ path: ':memory:' })
  const errors: unknown[] = []
  const job = startPostureJob({ store, snapshot, intervalMinutes: 60, cluster: 'prod', onError: (e) => errors.push(e), debounceMs: 10 })
  try {
    const first = await job.done
    expect(errors).toEqual([])
    const privileged = first!.findings.filter((f) => f.controls.includes('pss:baseline:privileged'))
    expect(privileged.map((f) => [f.resource?.name, f.cluster])).toEqual([['web', 'prod']])
    expect((await store.queryFindings({ cluster: 'prod' })).some((f) => f.controls.includes('pss:baseline:privileged'))).toBe(true)
    // The API server answers a patch with the new object: the pod is no longer privileged.
    job.observe([normalizeAuditEvent({ auditID: 'p1', stage: 'ResponseComplete', verb: 'patch', objectRef: { resource: 'pods', namespace: 'shop', name: 'web' }, responseStatus: { code: 200 }, responseObject: pod(false) }, 'prod')])
    await new Promise((r) => setTimeout(r, 50))
    const second = await job.done
    expect(second!.resolved.some((f) => f.controls.includes('pss:baseline:privileged'))).toBe(true)
    expect(second!.findings.some((f) => f.controls.includes('pss:baseline:privileged'))).toBe(false)
    // A delete removes the object, and with it its findings.
    job.observe([normalizeAuditEvent({ auditID: 'p2', stage: 'ResponseComplete', verb: 'delete', objectRef: { resource: 'pods', namespace: 'shop', name: 'web' }, responseStatus: { code: 200 } }, 'prod')])
    await new Promise((r) => setTimeout(r, 50))
    const third = await job.done
    expect(third!.findings.filter((f) => f.resource?.kind === 'Pod')).toEqual([])
  } finally {
    job.stop()
    await store.close()
  }
})
