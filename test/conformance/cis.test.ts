import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCisDefinitions, type CisDefinition } from '../../src/posture/checks/cis/definitions.js'
import { parseControls } from '../../src/posture/checks/cis/engine/controls.js'
import { runCheck } from '../../src/posture/checks/cis/engine/run-check.js'
import type { BenchCheck, TestItem } from '../../src/posture/checks/cis/engine/types.js'
import type { NodeFacts } from '../../src/posture/checks/cis/node-facts.js'
import { CLUSTER_HARDENING_CHECKS } from '../../src/posture/checks/hardening/index.js'
import { BUILTIN_CHECKS, runPosture } from '../../src/posture/runner.js'
import type { KubeObject } from '../../src/posture/types.js'

// kube-bench's cfg is read here, in the test, and never by kubesiem itself.
const KB = path.resolve(process.cwd(), '../shared/conformance/kube-bench')
const FILES = { master: 'master.yaml', etcd: 'etcd.yaml', controlplane: 'controlplane.yaml', node: 'node.yaml', policies: 'policies.yaml' }
const kubeBench = new Map<string, { file: string; check: BenchCheck }>()
for (const [file, name] of Object.entries(FILES)) {
  for (const group of parseControls(readFileSync(path.join(KB, 'cfg/cis-1.12', name), 'utf8')).groups) for (const check of group.checks) kubeBench.set(check.id, { file, check })
}
const { benchmark: ours } = parseCisDefinitions(readFileSync(path.resolve(process.cwd(), 'content/cis/cis-1.12.yaml'), 'utf8'), 'cis-1.12.yaml')
const oursById = new Map(ours.checks.map((c) => [c.id, c]))

/** kube-bench decides a check from configuration when it has tests and is not typed manual or skip. */
const decidable = [...kubeBench.values()].filter(({ check }) => check.tests && check.tests.items.length > 0 && check.type !== 'manual' && check.type !== 'skip')

// ---- generating a compliant and a non-compliant value for each kube-bench test item ----

function passValue(item: TestItem): string | undefined {
  if (!item.set) return undefined
  const v = item.compare?.value ?? ''
  switch (item.compare?.op) {
    case undefined: return '/etc/kubernetes/pki/x.pem'
    case 'eq': return v
    case 'noteq': return v === 'false' ? 'true' : v === '0' ? '5m' : 'other'
    case 'has': return `Other,${v}`
    case 'nothave': return v === 'false' ? 'true' : 'Webhook'
    case 'gte': return v
    case 'valid_elements': return v.split(',')[0]
    case 'bitmask': return v
    default: throw new Error(`no generator for op ${item.compare?.op}`)
  }
}

function failValue(item: TestItem): string | undefined {
  if (!item.set) return 'true'
  const v = item.compare?.value ?? ''
  switch (item.compare?.op) {
    case undefined: return undefined
    case 'eq': return v === 'true' ? 'false' : v === 'false' ? 'true' : v === '0' ? '10255' : v === '127.0.0.1' ? '0.0.0.0' : 'nobody:nogroup'
    case 'noteq': return v
    case 'has': return v === '127.0.0.1' ? '0.0.0.0:10249' : 'Other'
    case 'nothave': return v
    case 'gte': return String(Number(v) - 1)
    case 'valid_elements': return 'identity'
    case 'bitmask': return '777'
    default: throw new Error(`no generator for op ${item.compare?.op}`)
  }
}

type Setting = { item: TestItem; value: string | undefined }

/** Settings that make kube-bench's check pass (compliant) or fail (non-compliant). */
function settingsFor(check: BenchCheck, compliant: boolean): Setting[] {
  const items = check.tests!.items
  const or = check.tests!.binOp === 'or'
  if (compliant) return or ? [{ item: items[0], value: passValue(items[0]) }] : items.map((item) => ({ item, value: passValue(item) }))
  // Failing an `or`: the one present-and-wrong value also fails its "not set" alternatives.
  if (or) return [{ item: items.find((i) => i.set) ?? items[0], value: failValue(items.find((i) => i.set) ?? items[0]) }]
  return items.map((item, i) => ({ item, value: i === 0 ? failValue(item) : passValue(item) }))
}

const typed = (v: string): unknown => (v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v)

function setPath(config: Record<string, any>, template: string, value: string): void {
  const range = /^\{range \.(\w+)\[:\]\}/.exec(template)
  if (range) return void (config[range[1]] = [value])
  const keys = /^\{\.([\w.]+)\}$/.exec(template)![1].split('.')
  let at = config
  for (const key of keys.slice(0, -1)) at = at[key] ??= {}
  at[keys[keys.length - 1]] = typed(value)
}

const sampleFile = (pattern: string) => pattern.replace(/\*\*\/\*\.(\w+)$/, 'sub/x.$1').replace(/\/\*\*$/, '/ca.crt').replace(/\*/g, 'x.conf')

/** The input kubesiem reads, and the audit outputs kube-bench would have seen, for one configuration. */
function configuration(def: CisDefinition, check: BenchCheck, settings: Setting[]): { objects: KubeObject[]; audit: { audit: string; config?: string } } {
  const present = settings.filter((s) => s.value !== undefined)
  if (def.component === 'node-files') {
    const item = present[0]?.item
    const mode = item?.flag === 'permissions' ? present[0].value! : '600'
    const ownerSetting = settings.find((s) => s.item.flag !== 'permissions')
    // An owner item either names the owner (`root:root` set) or compares a printed one (`ownership eq root:root`).
    const owner = !ownerSetting ? 'root:root' : ownerSetting.value === undefined ? 'nobody:nogroup' : ownerSetting.item.compare ? ownerSetting.value : ownerSetting.item.flag
    const file = { path: sampleFile(def.files[0]), mode, owner }
    const facts: NodeFacts = { apiVersion: 'kubesiem.io/v1', kind: 'NodeFacts', metadata: { name: 'node-1' }, files: [file], processes: [], configs: {} }
    const line = def.print === 'mode' ? `permissions=${mode}` : def.print === 'ownership' ? `ownership=${owner} ${file.path}` : owner
    return { objects: [facts], audit: { audit: line } }
  }
  if (def.component === 'encryption-config') {
    const provider = present[0]?.value ?? 'identity'
    return { objects: [{ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources: ['secrets'], providers: [{ [provider]: {} }, { identity: {} }] }] }], audit: { audit: `provider=${provider}` } }
  }
  const flags = present.filter((s) => s.item.path === '' || def.component !== 'kubelet').map((s) => `${s.item.flag}=${s.value}`)
  if (def.component === 'kubelet') {
    const config: Record<string, any> = { apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration' }
    for (const s of present.filter((s) => s.item.path !== '')) setPath(config, s.item.path, s.value!)
    const args = ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', ...flags]
    const facts: NodeFacts = { apiVersion: 'kubesiem.io/v1', kind: 'NodeFacts', metadata: { name: 'node-1' }, files: [], processes: [{ binary: 'kubelet', args, env: {} }], configs: { '/var/lib/kubelet/config.yaml': JSON.stringify(config) } }
    return { objects: [facts], audit: { audit: args.join(' '), config: JSON.stringify(config) } }
  }
  const command = [def.component, ...flags]
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${def.component}-cp1`, namespace: 'kube-system' }, spec: { containers: [{ name: def.component, image: 'x', command }] } }
  return { objects: [pod], audit: { audit: command.join(' ') } }
}

const cisFindings = (def: CisDefinition, objects: KubeObject[]) =>
  runPosture(objects, { cis: ours, checks: [], levels: ['baseline'] }).findings.filter((f) => f.controls.includes(`cis:${def.id}`))

describe('CIS 1.12: our definitions against kube-bench cfg', () => {
  it('our definitions cover every decidable kube-bench check id, as decidable', () => {
    expect(decidable.length).toBe(103)
    const missing = decidable.filter(({ check }) => !oursById.get(check.id)?.decidable).map(({ check }) => check.id)
    expect(missing).toEqual([])
    const unknown = ours.checks.filter((c) => !kubeBench.has(c.id)).map((c) => c.id)
    expect(unknown).toEqual([])
  })

  it('our facts match kube-bench: same items (flag, config path, env, set, op, value), join and scoring', () => {
    const differences = decidable
      .filter(({ file }) => file !== 'policies')
      .flatMap(({ check }) => {
        const def = oursById.get(check.id)!
        const kb = check.tests!.items.map((i) => [i.set ? i.flag : i.flag, i.path, i.env, i.set, i.compare?.op ?? '', i.compare?.value ?? ''].join('|'))
        const mine = def.test.map((t) => [t.flag ?? '', t.config ?? '', t.env ?? '', t.absent !== true, t.op ?? '', t.value ?? ''].join('|'))
        const problems: string[] = []
        if (JSON.stringify(kb) !== JSON.stringify(mine)) problems.push(`${check.id} items ${JSON.stringify(mine)} != ${JSON.stringify(kb)}`)
        if ((check.tests!.binOp === 'or') !== (def.match === 'any') && check.tests!.items.length > 1) problems.push(`${check.id} join`)
        if (check.scored !== def.scored) problems.push(`${check.id} scored ${def.scored} != ${check.scored}`)
        if (check.useMultipleValues !== def.multiple && def.component === 'node-files' && def.files.length === 1 && !def.files[0].includes('*') && check.useMultipleValues) problems.push(`${check.id} multiple`)
        return problems
      })
    expect(differences).toEqual([])
  })

  const configurable = decidable.filter(({ file }) => file !== 'policies')
  it.each(configurable.map(({ check }) => [check.id, check] as const))('%s: compliant configuration is clean, non-compliant is reported (kube-bench agrees)', (id, check) => {
    const def = oursById.get(id)!
    for (const compliant of [true, false]) {
      const { objects, audit } = configuration(def, check, settingsFor(check, compliant))
      const kubeBenchState = runCheck({ ...check, type: '' }, audit).state
      expect(kubeBenchState === 'PASS', `kube-bench ${compliant ? 'compliant' : 'non-compliant'}: ${kubeBenchState} on ${audit.audit}`).toBe(compliant)
      const found = cisFindings(def, objects)
      expect(found.length === 0, `kubesiem ${compliant ? 'compliant' : 'non-compliant'} on ${JSON.stringify(objects)}: ${found.map((f) => f.message).join('; ')}`).toBe(compliant)
      if (!compliant) expect(found[0]).toMatchObject({ checkId: `cis.${id}`, controls: [`cis:${id}`], evidence: { state: def.scored ? 'FAIL' : 'WARN' } })
    }
  })

  it('a KubeletConfiguration object decides the config-file kubelet checks the same way as the node', () => {
    for (const def of ours.checks.filter((c) => c.component === 'kubelet' && c.test.every((t) => t.config))) {
      const check = kubeBench.get(def.id)!.check
      for (const compliant of [true, false]) {
        const { audit } = configuration(def, check, settingsFor(check, compliant))
        const found = cisFindings(def, [JSON.parse(audit.config!) as KubeObject])
        expect(found.length === 0, `${def.id} ${compliant}`).toBe(compliant)
      }
    }
  })

  it('a managed cluster (no control plane, no node) leaves the control-plane checks undecided, not failed', () => {
    const workload = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }
    const result = runPosture([workload], { cis: ours, levels: ['baseline'] })
    expect(result.findings.filter((f) => f.checkId.startsWith('cis.'))).toEqual([])
    const undecided = result.summary.cis!.undecided.map((u) => u.id)
    expect(undecided).toEqual(expect.arrayContaining(['1.1.1', '1.2.1', '1.3.2', '1.4.1', '2.1', '4.1.1', '4.2.1', '4.3.1']))
    expect(result.summary.cis!.undecided.find((u) => u.id === '1.2.1')?.reason).toContain('no kube-apiserver static Pod')
    expect(result.summary.cis!.manual).toContain('1.2.20')
    const eks = runPosture([workload, { apiVersion: 'kubesiem.io/v1', kind: 'ClusterInfo', metadata: { name: 'prod' }, serverVersion: { gitVersion: 'v1.34.2-eks-113cf36' } }], { cis: ours, levels: ['baseline'] })
    expect(eks.summary.cis!.undecided.find((u) => u.id === '1.2.1')?.reason).toBe('EKS manages kube-apiserver; its configuration is not visible')
  })

  // Policies (5.x): kube-bench decides them from kubectl/jq output; kubesiem from the objects, by the checks named in decidedBy.
  const RBAC = 'rbac.authorization.k8s.io/v1'
  const bind = (rules: Array<Record<string, unknown>>, subject: Record<string, unknown> = { kind: 'User', name: 'mallory' }): KubeObject[] => [
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'r' }, rules },
    { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }, subjects: [subject] },
  ]
  const pod = (spec: Record<string, unknown>, container: Record<string, unknown> = {}): KubeObject[] => [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'a', image: 'a', ...container }], ...spec } }]
  const RESTRICTED = { securityContext: { allowPrivilegeEscalation: false } }
  const POLICY_CASES: Record<string, { compliant: KubeObject[]; noncompliant: KubeObject[] }> = {
    '5.1.1': { compliant: bind([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), noncompliant: [{ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'ops' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'mallory' }] }] },
    '5.1.2': { compliant: bind([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]), noncompliant: bind([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }], { kind: 'Group', name: 'system:authenticated' }) },
    '5.1.3': { compliant: bind([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), noncompliant: bind([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }]) },
    '5.1.4': { compliant: bind([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), noncompliant: bind([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], { kind: 'Group', name: 'system:authenticated' }) },
    '5.1.5': { compliant: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false }], noncompliant: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' } }] },
    '5.1.6': { compliant: pod({ automountServiceAccountToken: false }), noncompliant: pod({}) },
    '5.2.2': { compliant: pod({}, RESTRICTED), noncompliant: pod({}, { securityContext: { privileged: true } }) },
    '5.2.3': { compliant: pod({}, RESTRICTED), noncompliant: pod({ hostPID: true }, RESTRICTED) },
    '5.2.4': { compliant: pod({}, RESTRICTED), noncompliant: pod({ hostIPC: true }, RESTRICTED) },
    '5.2.5': { compliant: pod({}, RESTRICTED), noncompliant: pod({ hostNetwork: true }, RESTRICTED) },
    '5.2.6': { compliant: pod({}, RESTRICTED), noncompliant: pod({}) },
  }
  const policyIds = decidable.filter(({ file }) => file === 'policies').map(({ check }) => check.id)
  it.each(policyIds)('%s: decided by kubesiem checks over cluster objects, both ways', (id) => {
    const def = oursById.get(id)!
    const all = [...BUILTIN_CHECKS, ...CLUSTER_HARDENING_CHECKS]
    for (const checkId of def.decidedBy) expect(all.find((c) => c.id === checkId)?.controls.some((c) => c.framework === 'cis' && c.control === id), `${checkId} carries cis:${id}`).toBe(true)
    const run = (objects: KubeObject[]) => runPosture(objects, { checks: all }).findings.filter((f) => f.controls.includes(`cis:${id}`) && def.decidedBy.includes(f.checkId))
    expect(run(POLICY_CASES[id].compliant)).toEqual([])
    expect(run(POLICY_CASES[id].noncompliant).length).toBeGreaterThan(0)
  })
})
