// Stratus Red Team's Kubernetes techniques, as the API calls they make (conformance/stratus-red-team-k8s, derived).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { type AuditEvent, ruleOfFile, SHARED } from './pack.js'

describe('cross-check against Stratus Red Team Kubernetes techniques', () => {
  // Each technique's detonation (and warm-up) calls, from the derived expected_audit_events.yaml, rebuilt as full
  // audit events made by an ordinary admin user; the listed rules of ours must each fire on at least one of them.
  const EXPECTED: Record<string, string[]> = {
    'k8s.credential-access.dump-secrets': ['credential_access_secrets_listed_cluster_wide.yml'],
    'k8s.credential-access.steal-serviceaccount-token': ['execution_pod_exec.yml', 'credential_access_pod_exec_serviceaccount_token_read.yml'],
    'k8s.persistence.create-admin-clusterrole': ['privilege_escalation_role_with_wildcard.yml', 'persistence_serviceaccount_created_in_system_namespace.yml', 'persistence_rbac_binding_changed.yml', 'credential_access_secret_read.yml'],
    'k8s.persistence.create-client-certificate': ['credential_access_client_certificate_requested.yml'],
    'k8s.persistence.create-token': ['credential_access_serviceaccount_token_requested.yml'],
    'k8s.privilege-escalation.hostpath-volume': ['privilege_escalation_sensitive_hostpath_mount.yml'],
    'k8s.privilege-escalation.nodes-proxy': ['privilege_escalation_role_grants_nodes_proxy.yml', 'credential_access_serviceaccount_token_requested.yml', 'discovery_nodes_proxy_kubelet_access.yml'],
    'k8s.privilege-escalation.privileged-pod': ['privilege_escalation_privileged_container.yml'],
  }
  const ARRAYS = new Set(['containers', 'volumes', 'rules'])
  /** `requestObject_spec_volumes_hostPath_path: "/"` -> requestObject.spec.volumes[0].hostPath.path = "/". */
  const setFlat = (target: Record<string, any>, key: string, value: unknown) => {
    const segs = key.split('_')
    let node: any = target
    segs.forEach((seg, i) => {
      const last = i === segs.length - 1
      if (last) node[seg] = value
      else if (ARRAYS.has(seg)) node = (node[seg] ??= [{}])[0]
      else node = node[seg] ??= {}
    })
  }
  const toEvent = (call: Record<string, any>, n: number): AuditEvent => {
    const o = call.objectRef ?? {}
    const exec = ['exec', 'attach', 'portforward'].includes(o.subresource)
    const e: AuditEvent = {
      apiVersion: 'audit.k8s.io/v1', kind: 'Event', level: 'RequestResponse', auditID: `stratus-${n}`,
      stage: call.stage ?? (exec ? 'ResponseStarted' : 'ResponseComplete'),
      requestURI: call.requestURI ?? `/api/v1/${o.resource}${o.subresource ? '/x/' + o.subresource : ''}`,
      verb: call.verb, user: { username: 'stratus-operator@example.com', groups: ['system:authenticated'] },
      sourceIPs: ['10.20.3.14'], userAgent: 'stratus-red-team_4f1c2d',
      objectRef: { ...o, name: o.name ?? 'stratus-red-team-x' },
      responseStatus: { code: exec ? 101 : call.verb === 'create' ? 201 : 200 },
      requestReceivedTimestamp: '2026-11-20T10:00:00.000000Z', stageReceivedTimestamp: '2026-11-20T10:00:00.010000Z',
    }
    if (call.requestURI_contains) e.requestURI = `/api/v1/namespaces/x/pods/x/${o.subresource}?${call.requestURI_contains}`
    for (const [k, v] of Object.entries(call)) {
      if (k.startsWith('requestObject_')) setFlat(e, k, v)
    }
    return e
  }
  const techniques = YAML.parse(fs.readFileSync(path.join(SHARED, 'conformance/stratus-red-team-k8s/expected_audit_events.yaml'), 'utf8')).techniques

  it('every technique raises the rules we expect', () => {
    const failures: string[] = []
    for (const [name, t] of Object.entries<any>(techniques)) {
      const calls = [...(t.warmup ?? []), ...(t.detonation ?? [])]
      const events = calls.map(toEvent)
      const expected = EXPECTED[name]
      if (!expected) failures.push(`${name}: no expectation written`)
      for (const f of expected ?? []) if (!events.some((e) => ruleOfFile.get(f)?.match(e))) failures.push(`${name}: ${f} did not fire`)
    }
    expect(failures).toEqual([])
  })
})
