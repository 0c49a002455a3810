import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { RbacSnapshot } from './rbac-snapshot.js'

const MANIFESTS = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules:
  - { apiGroups: [""], resources: [secrets], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: mallory-reads-secrets }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
subjects: [{ kind: User, name: mallory@example.com, apiGroup: rbac.authorization.k8s.io }]
`

describe('what an identity can do, from the RBAC snapshot', () => {
  test('without posture.snapshot the answer says so', async () => {
    expect(await new RbacSnapshot().canDo('mallory@example.com', [])).toEqual({ loaded: false, message: expect.stringMatching(/^no RBAC snapshot loaded/) })
  })

  test('with a snapshot folder, the identity\'s rules come from buildRbacModel and canList', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-rbac-'))
    writeFileSync(join(dir, 'rbac.yaml'), MANIFESTS)
    const answer = await new RbacSnapshot(dir).canDo('mallory@example.com', ['system:authenticated'], 'payments')
    expect(answer.loaded).toBe(true)
    if (answer.loaded) expect(answer.rules.some((r) => r.resources?.includes('secrets') && r.verbs.includes('list'))).toBe(true)
    const nobody = await new RbacSnapshot(dir).canDo('bob', [], 'payments')
    expect(nobody.loaded && nobody.rules.filter((r) => r.resources?.includes('secrets'))).toEqual([])
  })
})
