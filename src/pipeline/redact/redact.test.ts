import { describe, expect, test } from 'vitest'
import { REDACTED } from '../../core/index.js'
import { redactAuditEvent } from './redact.js'

const secretEvent = (extra: Record<string, unknown>) => ({
  kind: 'Event', auditID: 'a', stage: 'ResponseComplete', verb: 'create',
  objectRef: { resource: 'secrets', namespace: 'default', name: 's' }, ...extra,
})

describe('redactAuditEvent', () => {
  test('blanks Secret data and stringData in request and response, keeping the keys', () => {
    const out = redactAuditEvent(secretEvent({
      requestObject: { kind: 'Secret', data: { password: 'aHVudGVyMg==' }, stringData: { user: 'root' } },
      responseObject: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } },
    })) as any
    expect(out.requestObject.data).toEqual({ password: REDACTED })
    expect(out.requestObject.stringData).toEqual({ user: REDACTED })
    expect(out.responseObject.data).toEqual({ password: REDACTED })
  })

  test('blanks every item of a SecretList and the last-applied annotation', () => {
    const out = redactAuditEvent(secretEvent({
      verb: 'list',
      responseObject: {
        kind: 'SecretList',
        items: [{ metadata: { name: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"c2VjcmV0"}}' } }, data: { k: 'c2VjcmV0' } }],
      },
    }))
    expect(JSON.stringify(out)).not.toContain('c2VjcmV0')
  })

  test('finds a Secret by kind wherever it is, e.g. inside a List of another resource', () => {
    const out = redactAuditEvent({ auditID: 'a', objectRef: { resource: 'configmaps' }, requestObject: { kind: 'List', items: [{ kind: 'Secret', data: { k: 'dG9w' } }] } })
    expect(JSON.stringify(out)).not.toContain('dG9w')
  })

  test('keeps ConfigMap data: rules look for secrets pasted into ConfigMaps', () => {
    const out = redactAuditEvent({ auditID: 'a', objectRef: { resource: 'configmaps' }, requestObject: { kind: 'ConfigMap', data: { 'aws_access_key_id': 'AKIAEXAMPLE' } } }) as any
    expect(out.requestObject.data.aws_access_key_id).toBe('AKIAEXAMPLE')
  })

  test('blanks TokenRequest and TokenReview tokens', () => {
    const out = redactAuditEvent({
      auditID: 'a', objectRef: { resource: 'serviceaccounts', subresource: 'token' },
      responseObject: { kind: 'TokenRequest', status: { token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', expirationTimestamp: 'x' } },
      requestObject: { kind: 'TokenReview', spec: { token: 'opaque-token-value' } },
    }) as any
    expect(out.responseObject.status.token).toBe(REDACTED)
    expect(out.requestObject.spec.token).toBe(REDACTED)
    expect(out.responseObject.status.expirationTimestamp).toBe('x')
  })

  test('scrubs bearer tokens, JWTs and token query parameters in any string', () => {
    const out = redactAuditEvent({
      auditID: 'a',
      requestURI: '/api/v1/pods?watch=true&access_token=abc.def&x=1',
      annotations: { note: 'Authorization: Bearer s3cr3tT0ken==', jwt: 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghij' },
    }) as any
    expect(out.requestURI).toBe(`/api/v1/pods?watch=true&access_token=${REDACTED}&x=1`)
    expect(out.annotations.note).toBe(`Authorization: Bearer ${REDACTED}`)
    expect(out.annotations.jwt).toBe(`token ${REDACTED}`)
  })

  test('blanks configured extra paths, with * over keys and array elements', () => {
    const out = redactAuditEvent(
      { auditID: 'a', requestObject: { spec: { containers: [{ env: [{ name: 'DB_PASS', value: 'pw1' }] }, { env: [{ name: 'X', value: 'pw2' }] }] } } },
      { extraPaths: ['requestObject.spec.containers.*.env.*.value'] },
    )
    expect(JSON.stringify(out)).not.toMatch(/pw1|pw2/)
    expect(JSON.stringify(out)).toContain('DB_PASS')
  })

  test('does not change the input', () => {
    const input = secretEvent({ requestObject: { kind: 'Secret', data: { k: 'v' } } })
    redactAuditEvent(input)
    expect((input.requestObject as any).data.k).toBe('v')
  })
})
