import { defineCheck, fail, pass, type CheckContext } from '../../check.js'
import { isRecord, type SourcedObject } from '../../types.js'
import { isolatedDirections } from './network-isolation.js'

// Namespaces that hold no workloads of their own.
const EMPTY_BY_DESIGN = new Set(['kube-public', 'kube-node-lease'])

const namespaceOf = (object: SourcedObject['object']) => (object.kind === 'Namespace' && (object.apiVersion ?? 'v1') === 'v1' && !EMPTY_BY_DESIGN.has(object.metadata?.name ?? '') ? object.metadata?.name : undefined)
const policiesIn = (ctx: CheckContext, ns: string) => (ctx.inventory?.byKind('NetworkPolicy', ns) ?? []).filter((p) => /^networking\.k8s\.io\//.test(p.object.apiVersion ?? ''))

/**
 * Each namespace has NetworkPolicies and a default deny: a policy selecting every pod (`podSelector: {}`)
 * that isolates Ingress and Egress. Without one, a new pod is open until someone writes its policy.
 * @example
 * networkPolicyCoverage.evaluate(namespace, ctx)[0]?.message // 'namespace "shop" has no NetworkPolicy'
 */
export const networkPolicyCoverage = defineCheck({
  id: 'hardening.namespace.network-policy',
  title: 'Namespaces have NetworkPolicies with a default deny',
  controls: [{ framework: 'kubesiem', control: 'network-policy-coverage' }, { framework: 'cis', level: 'cis-1.12', control: '5.3.2' }],
  severity: 'medium',
  target: 'Object',
  remediation: 'Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to the namespace, then allow the flows its apps need.',
  evaluate({ object }, ctx) {
    const ns = namespaceOf(object)
    if (!ns || !ctx.inventory) return pass()
    const policies = policiesIn(ctx, ns)
    if (policies.length === 0) return fail(`namespace "${ns}" has no NetworkPolicy`, { evidence: { policies: 0 } })
    const denied = new Set<string>()
    for (const p of policies) {
      const spec = isRecord(p.object.spec) ? p.object.spec : {}
      const selector = isRecord(spec.podSelector) ? spec.podSelector : {}
      const everyPod = Object.keys(selector).every((k) => (Array.isArray(selector[k]) ? selector[k].length === 0 : isRecord(selector[k]) ? Object.keys(selector[k]).length === 0 : true))
      if (!everyPod) continue
      // A default deny isolates a direction without allowing anything back in that direction.
      for (const d of isolatedDirections(spec)) if (!(Array.isArray(spec[d.toLowerCase()]) && (spec[d.toLowerCase()] as unknown[]).length > 0)) denied.add(d)
    }
    const missing = ['Ingress', 'Egress'].filter((d) => !denied.has(d))
    return missing.length === 0 ? pass() : fail(`namespace "${ns}" has no default-deny NetworkPolicy for ${missing.join(' and ')}`, { evidence: { policies: policies.map((p) => p.object.metadata?.name) } })
  },
})

function requireKind(kind: 'ResourceQuota' | 'LimitRange', id: string, title: string, remediation: string) {
  return defineCheck({
    id,
    title,
    controls: [{ framework: 'kubesiem', control: kind === 'ResourceQuota' ? 'resource-quota' : 'limit-range' }],
    severity: 'low',
    target: 'Object',
    remediation,
    evaluate({ object }, ctx) {
      const ns = namespaceOf(object)
      if (!ns || !ctx.inventory || ns === 'kube-system') return pass()
      return (ctx.inventory.byKind(kind, ns) ?? []).length > 0 ? pass() : fail(`namespace "${ns}" has no ${kind}`)
    },
  })
}

/**
 * Each namespace (but kube-system) has a ResourceQuota, so one tenant cannot exhaust the cluster.
 * @example
 * resourceQuota.evaluate(namespace, ctx)[0]?.message // 'namespace "shop" has no ResourceQuota'
 */
export const resourceQuota = requireKind('ResourceQuota', 'hardening.namespace.resource-quota', 'Namespaces have a ResourceQuota', 'Add a ResourceQuota limiting CPU, memory, pods and object counts in the namespace.')

/**
 * Each namespace (but kube-system) has a LimitRange, so containers without requests and limits get defaults.
 * @example
 * limitRange.evaluate(namespace, ctx)[0]?.message // 'namespace "shop" has no LimitRange'
 */
export const limitRange = requireKind('LimitRange', 'hardening.namespace.limit-range', 'Namespaces have a LimitRange', 'Add a LimitRange with default requests and limits for containers.')
