import { defineCheck, fail, pass } from '../../check.js'
import { matchesSelector } from '../../rbac/selector.js'
import { isRecord } from '../../types.js'

type Direction = 'Ingress' | 'Egress'

/**
 * The directions a NetworkPolicy isolates, with the API's defaulting: Ingress always unless
 * policyTypes says otherwise, Egress when listed or when the policy has egress rules.
 * @example
 * isolatedDirections({ podSelector: {}, egress: [] }) // ['Ingress']
 */
export function isolatedDirections(spec: Record<string, unknown>): Direction[] {
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.filter((t): t is Direction => t === 'Ingress' || t === 'Egress')
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']
}

/**
 * Pods no NetworkPolicy in the input isolates, for ingress or egress (CIS 5.3.2). Kubernetes
 * semantics, not Polaris': a default-deny policy (no rules) isolates, and isolation is what counts.
 * Only judged when the input holds the namespace's NetworkPolicies or its Namespace object, so a
 * single rendered chart is not blamed for policies it does not ship.
 * @example
 * networkIsolation.evaluate(pod, ctx)[0]?.message // 'no NetworkPolicy selects this pod for Egress'
 */
export const networkIsolation = defineCheck({
  id: 'hardening.pod.network-isolation',
  title: 'Pods should be isolated by NetworkPolicies',
  controls: [{ framework: 'cis', level: 'cis-1.12', control: '5.3.2' }],
  severity: 'medium',
  target: 'PodSpec',
  remediation: 'Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to the namespace, then allow the flows the app needs.',
  evaluate({ owner, metadata }, ctx) {
    if (!ctx.inventory) return pass()
    const namespace = owner.object.metadata?.namespace ?? 'default'
    const policies = ctx.inventory.byKind('NetworkPolicy', namespace).filter((p) => /^networking\.k8s\.io\//.test(p.object.apiVersion ?? ''))
    const namespaceKnown = ctx.inventory.byKind('Namespace').some((n) => n.object.metadata?.name === namespace)
    if (policies.length === 0 && !namespaceKnown) return pass()
    const labels = (isRecord(metadata.labels) ? metadata.labels : {}) as Record<string, string>
    const isolated = new Set<Direction>()
    for (const policy of policies) {
      const spec = isRecord(policy.object.spec) ? policy.object.spec : {}
      const selector = isRecord(spec.podSelector) ? spec.podSelector : {}
      if (matchesSelector(selector, labels)) for (const direction of isolatedDirections(spec)) isolated.add(direction)
    }
    const open = (['Ingress', 'Egress'] as const).filter((d) => !isolated.has(d))
    if (open.length === 0) return pass()
    return fail(`no NetworkPolicy in namespace "${namespace}" selects this pod for ${open.join(' or ')}`, { paths: ['/metadata/labels'] })
  },
})
