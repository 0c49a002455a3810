import { describe, expect, test } from 'vitest'
import { decodeAuditValue } from './k8s-audit.js'

const ev = (id: string, extra: Record<string, unknown> = {}) => ({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: id, stage: 'ResponseComplete', verb: 'get', ...extra })
const ok = (items: ReturnType<typeof decodeAuditValue>) => items.filter((i) => i.ok).map((i) => (i.ok ? i.event.auditID : ''))

describe('decodeAuditValue', () => {
  test('reads an EventList (v1 and v1beta1), a bare Event and an array', () => {
    expect(ok(decodeAuditValue({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [ev('a'), ev('b')] }, 'x'))).toEqual(['a', 'b'])
    expect(ok(decodeAuditValue({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1beta1', items: [{ auditID: 'c', stage: 'ResponseComplete', verb: 'list' }] }, 'x'))).toEqual(['c'])
    expect(ok(decodeAuditValue(ev('d'), 'x'))).toEqual(['d'])
    expect(ok(decodeAuditValue([ev('e'), ev('f')], 'x'))).toEqual(['e', 'f'])
  })

  test('one bad item among good ones is an error naming its index; the others pass', () => {
    const items = decodeAuditValue({ kind: 'EventList', items: [ev('a'), { kind: 'Event', verb: 'get' }, ev('c')] }, 'POST /ingest')
    expect(ok(items)).toEqual(['a', 'c'])
    const bad = items.find((i) => !i.ok)
    expect(bad && !bad.ok && bad.error.message).toBe('POST /ingest item 1: not a Kubernetes audit event: missing string field "auditID"')
  })

  test('an unknown apiVersion and a wrong kind are named', () => {
    const [v] = decodeAuditValue(ev('a', { apiVersion: 'audit.k8s.io/v2' }), 'f:3')
    expect(v!.ok === false && v!.error.code).toBe('KUBESIEM_INGEST_UNKNOWN_API_VERSION')
    const [k] = decodeAuditValue({ kind: 0 }, 'fal_01_003.json:1')
    expect(k!.ok === false && k!.error.message).toBe('fal_01_003.json:1: not a Kubernetes audit event: kind is 0, expected "Event"')
  })

  test('unwraps EKS CloudWatch, AKS diagnostics and GKE Cloud Logging shapes', () => {
    expect(ok(decodeAuditValue({ logEvents: [{ id: '1', message: JSON.stringify(ev('eks')) }] }, 'x'))).toEqual(['eks'])
    expect(ok(decodeAuditValue({ message: JSON.stringify(ev('eks2')), logStream: 'kube-apiserver-audit-1' }, 'x'))).toEqual(['eks2'])
    expect(ok(decodeAuditValue({ records: [{ category: 'kube-audit', properties: { log: JSON.stringify(ev('aks')) } }] }, 'x'))).toEqual(['aks'])
    const gke = decodeAuditValue({
      insertId: 'gke1', timestamp: '2026-03-01T10:00:00Z',
      protoPayload: { methodName: 'io.k8s.core.v1.pods.exec.create', resourceName: 'core/v1/namespaces/shop/pods/web-1/exec', authenticationInfo: { principalEmail: 'eve@example.com' }, requestMetadata: { callerIp: '198.51.100.7', callerSuppliedUserAgent: 'kubectl/v1.31' } },
    }, 'x')
    expect(gke[0]!.ok).toBe(true)
    const event = gke[0]!.ok ? gke[0]!.event : {}
    expect(event).toMatchObject({ auditID: 'gke1', verb: 'create', user: { username: 'eve@example.com' }, sourceIPs: ['198.51.100.7'], objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop' } })
  })
})
