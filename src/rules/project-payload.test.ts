import { describe, expect, test } from 'vitest'
import { payloadProjector } from './project-payload.js'
import { compileFieldPath } from './sigma/field-path.js'

const read = (path: string, event: Record<string, unknown>) => [...compileFieldPath(path)(event).values]

describe('payloadProjector', () => {
  const event = {
    user: { username: 'bob', groups: ['dev'] },
    objectRef: { namespace: 'web', resource: 'pods', name: 'p' },
    sourceIPs: ['10.0.0.1'],
    requestObject: { metadata: { annotations: { 'app.kubernetes.io/name': 'web', other: 'x' } }, spec: { containers: [{ image: 'a' }, { image: 'b' }] } },
    responseObject: { big: 'x'.repeat(1000) },
  }

  test('keeps only what the fields reach, and reads the same for them', () => {
    const fields = ['user.username', 'objectRef.namespace', 'sourceIPs', 'requestObject.spec.containers.image', 'requestObject.metadata.annotations.app.kubernetes.io/name', 'missing.field']
    const projected = payloadProjector(fields)(event)
    expect(projected).toEqual({
      user: { username: 'bob' },
      objectRef: { namespace: 'web' },
      sourceIPs: ['10.0.0.1'],
      requestObject: { metadata: { annotations: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ image: 'a' }, { image: 'b' }] } },
    })
    for (const f of fields) expect(read(f, projected), f).toEqual(read(f, event))
  })

  test('a flattened event keeps its dotted top-level keys', () => {
    const flat = { 'objectRef.resource': 'secrets', 'requestObject.spec': { hostPID: true }, verb: 'get' }
    const fields = ['objectRef.resource', 'requestObject.spec.hostPID']
    const projected = payloadProjector(fields)(flat)
    expect(projected).toEqual({ 'objectRef.resource': 'secrets', 'requestObject.spec': { hostPID: true } })
    for (const f of fields) expect(read(f, projected), f).toEqual(read(f, flat))
  })
})
