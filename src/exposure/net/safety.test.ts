import { describe, expect, test } from 'vitest'
import { isLocalAddress } from './address-policy.js'
import { assertReadOnly } from './read-only.js'
import { scrubBody } from './scrub.js'

describe('safety', () => {
  test('only reads leave the scanner', () => {
    expect(() => assertReadOnly('GET', '/pods')).not.toThrow()
    expect(() => assertReadOnly('POST', '/v3/kv/range')).not.toThrow()
    expect(() => assertReadOnly('POST', '/v3beta/kv/range')).not.toThrow()
    for (const [method, path] of [['POST', '/v3/kv/put'], ['POST', '/v3/kv/deleterange'], ['POST', '/run/a/b/c'], ['DELETE', '/api/v1/namespaces/x'], ['PUT', '/latest/api/token'], ['PATCH', '/api']]) {
      expect(() => assertReadOnly(method!, path!), `${method} ${path}`).toThrow(/read-only/)
    }
    expect(() => assertReadOnly('PUT', '/latest/api/token', { metadataToken: true })).not.toThrow()
  })

  test('private, loopback and link-local need no --allow; public does', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:10.0.0.1']) expect(isLocalAddress(a), a).toBe(true)
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8']) expect(isLocalAddress(a), a).toBe(false)
  })

  test('evidence is scrubbed of env values, tokens, keys', () => {
    const text = '{"env":[{"name":"DB_PASSWORD","value":"hunter2"}],"token":"abc","auth":"Bearer s3cr3t.tok","k":"-----BEGIN RSA PRIVATE KEY-----\\nMIIE'
    const out = scrubBody(text)
    for (const secret of ['hunter2', '"abc"', 's3cr3t', 'MIIE']) expect(out).not.toContain(secret)
    expect(out).toContain('DB_PASSWORD')
  })
})
