// Every bundled rule, every sample, in one pass: each test collects all failures and fails once with the full list
// (elastic's BaseRuleTest), so a broken pack shows everything that is wrong with it at once.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { loadSigmaRules } from '../../src/rules/sigma/index.js'
import type { CompiledRule } from '../../src/rules/rule.js'
import type { CorrelationRule } from '../../src/rules/sigma/index.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RULES_DIR = path.join(ROOT, 'content/rules/k8s-audit')
const SAMPLES_DIR = path.join(ROOT, 'content/samples')
const SHARED = path.resolve(ROOT, '../shared')
const PANTHER_TESTS = path.join(SHARED, 'conformance/panther-kubernetes/tests.jsonl')

// The IOC rule reads its address list from a placeholder the deployment fills; the samples use this fixture list.
const PLACEHOLDERS = { ioc_source_ips: ['185.220.101.4', '185.220.101.5'] }
// Limits passed explicitly: loadSigmaRules forwards unset limits as undefined, which overrode the engine defaults
// (reported to the engine owner); explicit values keep this test independent of that.
const OPTIONS = { placeholders: PLACEHOLDERS, maxGroups: 100_000, maxEventsPerGroup: 10_000 }
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical']
const STATUSES = ['experimental', 'test', 'stable', 'deprecated']
const LOUD = new Set(['medium', 'high', 'critical'])

interface Techniques {
  version: string
  tactics: Record<string, { id: string; name: string }>
  techniques: Record<string, { name: string; tactics: string[] }>
}
const attack: Techniques = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/attack/techniques.json'), 'utf8'))

const ruleFiles = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.yml')).sort()
const files = ruleFiles.map((f) => ({ path: `content/rules/k8s-audit/${f}`, text: fs.readFileSync(path.join(RULES_DIR, f), 'utf8') }))
const loaded = loadSigmaRules(files, OPTIONS)
const byId = new Map<string, CompiledRule>(loaded.rules.map((r) => [r.ref.id, r]))
const corrById = new Map<string, CorrelationRule>(loaded.correlations.map((c) => [c.ref.id, c]))

/** Every YAML document of every rule file, with the file it came from. */
const docs = files.flatMap((f) =>
  YAML.parseAllDocuments(f.text).map((d, index) => ({ file: f.path, index, doc: d.toJS() as Record<string, any> })),
)

type AuditEvent = Record<string, any>
const readSamples = (id: string): Array<{ name: string; expect: boolean; events: AuditEvent[] }> => {
  const dir = path.join(SAMPLES_DIR, id)
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir).sort().map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8')
    const events = name.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : [JSON.parse(text)]
    return { name, expect: name.startsWith('match-'), events }
  })
}
const timeOf = (e: AuditEvent): number => Date.parse(e.stageReceivedTimestamp ?? e.requestReceivedTimestamp)

/** Feed events, in order, through one correlation rule and the base rules of a fresh load of its file. */
function correlationHits(corrId: string, file: string, events: AuditEvent[]): number {
  const fresh = loadSigmaRules(files.filter((f) => f.path === file), OPTIONS)
  const corr = fresh.correlations.find((c) => c.ref.id === corrId)
  if (!corr) return -1
  let hits = 0
  for (const e of events) {
    for (const r of fresh.rules) {
      if (corr.consumes.includes(r.ref.id) && r.match(e)) hits += corr.observe(r.ref.id, e, timeOf(e), e.auditID).length
    }
  }
  return hits
}

describe('bundled Sigma rule pack', () => {
  it('loads without errors', () => {
    const errors = loaded.problems.filter((p) => p.severity === 'error').map((p) => p.message)
    expect(errors).toEqual([])
    expect(loaded.rules.length).toBeGreaterThan(50)
    expect(loaded.correlations.length).toBeGreaterThanOrEqual(4)
  })

  it('every rule has complete, consistent metadata', () => {
    const failures: string[] = []
    const ids = new Set<string>()
    for (const { file, index, doc } of docs) {
      const where = `${file} #${index + 1}`
      const fail = (msg: string) => failures.push(`${where}: ${msg}`)
      if (typeof doc.title !== 'string' || !doc.title) fail('missing title')
      if (typeof doc.id !== 'string' || !UUID_V4.test(doc.id)) fail(`id ${doc.id} is not a UUID v4`)
      else if (ids.has(doc.id)) fail(`duplicate id ${doc.id}`)
      else ids.add(doc.id)
      if (typeof doc.description !== 'string' || doc.description.trim().length < 20) fail('missing description')
      if (!LEVELS.includes(doc.level)) fail(`level ${doc.level} is not one of ${LEVELS.join(', ')}`)
      if (!STATUSES.includes(doc.status)) fail(`status ${doc.status} is not one of ${STATUSES.join(', ')}`)
      if (doc.author !== 'kubesiem') fail('author must be kubesiem')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(doc.date))) fail('date must be YYYY-MM-DD')
      if (!Array.isArray(doc.references) || doc.references.length === 0) fail('missing references')
      if (!Array.isArray(doc.falsepositives) || doc.falsepositives.length === 0) fail('missing falsepositives')
      const tags: string[] = Array.isArray(doc.tags) ? doc.tags : []
      const techniques = tags.filter((t) => /^attack\.t\d{4}/.test(t)).map((t) => t.slice('attack.'.length).toUpperCase())
      if (techniques.length === 0) fail('no attack.tNNNN tag')
      for (const t of techniques) if (!attack.techniques[t]) fail(`technique ${t} is not in content/attack/techniques.json`)
      for (const t of tags.filter((t) => t.startsWith('attack.') && !/^attack\.t\d{4}/.test(t))) {
        if (!attack.tactics[t.slice('attack.'.length)]) fail(`tactic tag ${t} is not an ATT&CK tactic`)
      }
      if (doc.correlation === undefined) {
        if (doc.logsource?.product !== 'kubernetes' || doc.logsource?.service !== 'audit') fail('logsource must be kubernetes/audit')
        if (typeof doc.detection?.condition !== 'string') fail('missing detection.condition')
        const named = Object.keys(doc.detection ?? {}).filter((k) => k.startsWith('filter') && k !== 'filter')
        if (doc.level !== 'critical' && named.length === 0 && !/not 1 of filter_\*/.test(doc.detection?.condition ?? '')) {
          // Rules without any tuning filter must be ones where no exclusion makes sense (critical by nature).
          fail('no named filter_* exclusion for tuning')
        }
        if (!byId.has(doc.id)) fail('did not compile')
      } else if (!corrById.has(doc.id)) fail('correlation did not build')
      if (index === 0) {
        // The file name starts with the primary tactic (elastic's test_rule_file_name_tactic).
        const base = path.basename(file, '.yml')
        const tactic = Object.keys(attack.tactics).find((t) => base.startsWith(`${t.replace(/-/g, '_')}_`))
        if (!tactic) fail('file name does not start with an ATT&CK tactic')
        else if (!tags.includes(`attack.${tactic}`)) fail(`file name says ${tactic} but tags lack attack.${tactic}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('every rule fires on its match samples and stays silent on its nomatch samples', () => {
    const failures: string[] = []
    const sampleDirs = new Set(fs.readdirSync(SAMPLES_DIR))
    for (const { file, doc } of docs) {
      const samples = readSamples(doc.id)
      sampleDirs.delete(doc.id)
      if (!samples.some((s) => s.expect)) failures.push(`${file} (${doc.id}): no match-* sample`)
      if (!samples.some((s) => !s.expect)) failures.push(`${file} (${doc.id}): no nomatch-* sample`)
      for (const s of samples) {
        for (const e of s.events) {
          if (e.apiVersion !== 'audit.k8s.io/v1' || e.kind !== 'Event' || !e.auditID || !e.stage || !e.verb || !e.user || !e.requestReceivedTimestamp) {
            failures.push(`${doc.id}/${s.name}: not a complete audit.k8s.io/v1 Event`)
          }
        }
        if (doc.correlation !== undefined) {
          const hits = correlationHits(doc.id, file, s.events)
          if (hits < 0) failures.push(`${doc.id}/${s.name}: correlation did not build`)
          else if (s.expect !== hits > 0) failures.push(`${file} ${s.name}: expected ${s.expect ? 'a hit' : 'no hit'}, got ${hits}`)
          continue
        }
        const rule = byId.get(doc.id)
        if (!rule) continue
        if (s.events.length !== 1) failures.push(`${doc.id}/${s.name}: a single-event sample must hold one event`)
        const got = rule.match(s.events[0])
        if (got !== s.expect) failures.push(`${file} ${s.name}: expected ${s.expect ? 'match' : 'no match'}`)
      }
    }
    for (const orphan of sampleDirs) failures.push(`content/samples/${orphan}: no rule has this id`)
    expect(failures).toEqual([])
  })

  it('is quiet (nothing at medium or above) on the benign Panther events', () => {
    // Panther's own logic says these events should not alert. Where our rule alerts on purpose, the disagreement is
    // written down here with its reason; an entry that no longer matches is reported as stale.
    const disagreements: Array<{ rule: string; panther: string; test: string; why: string }> = [
      { rule: 'privilege_escalation_role_with_wildcard.yml', panther: 'Kubernetes.Role.Wildcard', test: 'Updating existing role (not creating)', why: 'widening an existing role to * is the quiet escalation (Elastic: RBAC Wildcard Elevation on Existing Role)' },
      { rule: 'privilege_escalation_role_grants_pod_exec.yml', panther: 'Kubernetes.Role.PodExec', test: 'Updating existing role (not creating)', why: 'adding pods/exec to an existing role grants the same power as a new role' },
      { rule: 'defense_evasion_pod_created_in_system_namespace.yml', panther: 'Kubernetes.Pod.SystemNamespace', test: 'Deployment creating pod (not direct pod creation)', why: 'a Deployment in kube-system runs the same pods; the pods themselves are created by the replicaset controller, which every rule excludes' },
      { rule: 'privilege_escalation_role_grants_nodes_proxy.yml', panther: 'Kubernetes.Role.NodeProxyPermissions', test: 'Updating existing role (not creating)', why: 'adding nodes/proxy to an existing role grants the same power as a new role' },
    ]
    const fileOf = new Map<string, string>()
    for (const { file, doc } of docs) fileOf.set(doc.id, path.basename(file))
    const loud = loaded.rules.filter((r) => LOUD.has(r.severity))
    const failures: string[] = []
    const used = new Set<number>()
    const lines = fs.readFileSync(PANTHER_TESTS, 'utf8').split('\n').filter((l) => l.trim())
    let checked = 0
    for (const line of lines) {
      const t = JSON.parse(line)
      if (t.expected_result !== false || t.native_k8s_audit_shape !== true) continue
      checked++
      // Hand-written samples often omit the stage; try both stages a rule may match.
      const variants = t.log.stage ? [t.log] : [{ ...t.log, stage: 'ResponseStarted' }, { ...t.log, stage: 'ResponseComplete' }]
      for (const r of loud) {
        if (!variants.some((v) => r.match(v))) continue
        const file = fileOf.get(r.ref.id) ?? r.ref.id
        const known = disagreements.findIndex((d) => d.rule === file && d.panther === t.rule_id && d.test === t.test_name)
        if (known >= 0) used.add(known)
        else failures.push(`${file} (${r.severity}) matches Panther benign "${t.rule_id} / ${t.test_name}"`)
      }
    }
    disagreements.forEach((d, i) => {
      if (!used.has(i)) failures.push(`stale disagreement: ${d.rule} no longer matches "${d.panther} / ${d.test}"`)
    })
    expect(checked).toBeGreaterThan(100)
    expect(failures).toEqual([])
  })

  it('ATT&CK table is versioned and consistent', () => {
    const failures: string[] = []
    if (!/^enterprise-attack-v\d+/.test(attack.version)) failures.push(`version ${attack.version}`)
    for (const [id, t] of Object.entries(attack.techniques)) {
      if (!/^T\d{4}(\.\d{3})?$/.test(id)) failures.push(`bad technique id ${id}`)
      if (!t.name) failures.push(`${id}: no name`)
      for (const tactic of t.tactics) if (!attack.tactics[tactic]) failures.push(`${id}: unknown tactic ${tactic}`)
      const parent = id.split('.')[0]
      if (parent !== id && !attack.techniques[parent]) failures.push(`${id}: parent ${parent} missing`)
    }
    expect(failures).toEqual([])
  })
})

describe('cross-check against Falco k8saudit traces (real minikube audit events)', () => {
  // Falco rule -> our rule files that must fire on the traces Falco alerts on. Allow-list rules of Falco that depend
  // on their test-only lists (Create Disallowed Pod/Namespace, Disallowed K8s User) and json_pointer_example are left out.
  const EQUIVALENT: Record<string, string[]> = {
    'Create Privileged Pod': ['privilege_escalation_privileged_container.yml'],
    'Create Sensitive Mount Pod': ['privilege_escalation_sensitive_hostpath_mount.yml'],
    'Create HostNetwork Pod': ['privilege_escalation_pod_with_hostnetwork.yml'],
    'Create NodePort Service': ['initial_access_nodeport_service_created.yml'],
    'Create/Modify Configmap With Private Credentials': ['credential_access_configmap_with_credentials.yml'],
    'Anonymous Request Allowed': ['initial_access_anonymous_request_allowed.yml', 'initial_access_anonymous_write.yml'],
    'Attach/Exec Pod': ['execution_pod_exec.yml', 'execution_pod_attach.yml'],
    'Pod Created in Kube Namespace': ['defense_evasion_pod_created_in_system_namespace.yml'],
    'Service Account Created in Kube Namespace': ['persistence_serviceaccount_created_in_system_namespace.yml'],
    'System ClusterRole Modified/Deleted': ['persistence_system_role_modified.yml'],
    'Attach to cluster-admin Role': ['privilege_escalation_clusterrolebinding_cluster_admin.yml'],
    'ClusterRole With Wildcard Created': ['privilege_escalation_role_with_wildcard.yml'],
    'ClusterRole With Write Privileges Created': ['persistence_role_with_write_verbs.yml'],
    'ClusterRole With Pod Exec Created': ['privilege_escalation_role_grants_pod_exec.yml'],
    'K8s Deployment Created': ['execution_deployment_created_or_deleted.yml'],
    'K8s Deployment Deleted': ['execution_deployment_created_or_deleted.yml'],
    'K8s Service Created': ['persistence_service_created_or_deleted.yml'],
    'K8s Service Deleted': ['persistence_service_created_or_deleted.yml'],
    'K8s ConfigMap Created': ['impact_configmap_created_or_deleted.yml'],
    'K8s ConfigMap Deleted': ['impact_configmap_created_or_deleted.yml'],
    'K8s Namespace Created': ['defense_evasion_namespace_created.yml'],
    'K8s Namespace Deleted': ['impact_namespace_deleted.yml'],
    'K8s Serviceaccount Created': ['persistence_serviceaccount_created.yml'],
    'K8s Serviceaccount Deleted': ['impact_serviceaccount_deleted.yml'],
    'K8s ClusterRole Created': ['persistence_role_changed.yml'],
    'K8s ClusterRole Deleted': ['persistence_role_changed.yml'],
    'K8s ClusterRoleBinding Created': ['persistence_rbac_binding_changed.yml'],
    'K8s ClusterRoleBinding Deleted': ['persistence_rbac_binding_changed.yml'],
    'K8s Secret Created': ['impact_secret_modified_or_deleted.yml'],
    'K8s Secret Deleted': ['impact_secret_modified_or_deleted.yml'],
  }
  const FALCO = path.join(SHARED, 'conformance/falco-k8saudit')
  const cases: Array<{ name: string; trace_file: string; expect_rule_counts?: Record<string, number> }> =
    JSON.parse(fs.readFileSync(path.join(FALCO, 'expectations.json'), 'utf8')).tests
  const readTrace = (f: string): AuditEvent[] =>
    fs.readFileSync(path.join(FALCO, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((e) => e.kind === 'Event')
  const ruleOfFile = new Map<string, CompiledRule>()
  for (const { file, index, doc } of docs) if (index === 0 && byId.has(doc.id)) ruleOfFile.set(path.basename(file), byId.get(doc.id)!)

  // Falco alerts on the pods a ReplicaSet controller creates. Our pod rules exclude controller identities (quiet on
  // normal clusters) and read the pod template of the workload a person wrote instead, so a controller-made pod of a
  // trace is checked as the Deployment that would have produced it, and the original must stay silent.
  const isControllerPod = (e: AuditEvent) =>
    String(e.user?.username ?? '').startsWith('system:serviceaccount:kube-system:') && e.objectRef?.resource === 'pods' && e.requestObject?.spec
  const asDeployment = (e: AuditEvent): AuditEvent => ({
    ...e,
    user: { username: 'minikube-user', groups: ['system:authenticated'] },
    objectRef: { ...e.objectRef, resource: 'deployments', apiGroup: 'apps' },
    requestObject: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { template: { spec: e.requestObject.spec } } },
  })

  it('our equivalent rule fires wherever Falco alerts', () => {
    const failures: string[] = []
    let checked = 0
    for (const c of cases) {
      for (const falcoRule of Object.keys(c.expect_rule_counts ?? {})) {
        const ours = EQUIVALENT[falcoRule]
        if (!ours) continue
        checked++
        const raw = readTrace(c.trace_file)
        for (const e of raw.filter(isControllerPod)) {
          for (const f of ours) if (ruleOfFile.get(f)?.match(e)) failures.push(`${c.trace_file}: ${f} fires on a controller-made pod`)
        }
        const events = raw.map((e) => (isControllerPod(e) ? asDeployment(e) : e))
        const fired = ours.some((f) => events.some((e) => ruleOfFile.get(f)?.match(e)))
        if (!fired) failures.push(`${c.trace_file}: Falco "${falcoRule}" fires, none of ${ours.join(', ')} does`)
      }
    }
    expect(checked).toBeGreaterThan(30)
    expect(failures).toEqual([])
  })

  it('nothing at medium or above fires on the traces Falco expects no alert for', () => {
    // The legacy harness asserted "no alerts at all" for these traces (unprivileged pods, ClusterIP services, plain
    // configmaps, minikube's own namespace). Cases marked obsolete under the current Falco rules are skipped.
    const failures: string[] = []
    const quiet = cases.filter((c: any) => c.expect_no_alerts_at_all && !c.obsolete_under_current_rules)
    for (const c of new Set(quiet.map((q) => q.trace_file))) {
      for (const e of readTrace(c)) {
        for (const r of loaded.rules) if (LOUD.has(r.severity) && r.match(e)) failures.push(`${c}: ${r.ref.title} (${r.severity})`)
      }
    }
    expect(quiet.length).toBeGreaterThan(10)
    expect(failures).toEqual([])
  })
})

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
  const ruleOfFile = new Map<string, CompiledRule>()
  for (const { file, index, doc } of docs) if (index === 0 && byId.has(doc.id)) ruleOfFile.set(path.basename(file), byId.get(doc.id)!)

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

describe('docs/detections.md', () => {
  const detections = fs.readFileSync(path.join(SHARED, 'DETECTIONS.md'), 'utf8')
  const doc = fs.readFileSync(path.join(ROOT, 'docs/detections.md'), 'utf8')

  it('maps every DETECTIONS.md row', () => {
    const rows = [...detections.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]))
    expect(rows.length).toBeGreaterThanOrEqual(49)
    const missing = rows.filter((n) => !new RegExp(`^\\| ${n} \\|`, 'm').test(doc))
    expect(missing).toEqual([])
  })

  it('names only rule files that exist, and every rule file', () => {
    const named = new Set([...doc.matchAll(/`([a-z_]+\.yml)`/g)].map((m) => m[1]))
    const failures = [...named].filter((f) => !ruleFiles.includes(f)).map((f) => `docs name ${f}, which does not exist`)
    for (const f of ruleFiles) if (!named.has(f)) failures.push(`${f} is not in docs/detections.md`)
    expect(failures).toEqual([])
  })
})
