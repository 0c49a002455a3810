import { defineCheck, fail, pass, type CheckContext } from '../../check.js'
import { isRecord } from '../../types.js'

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce'

/**
 * A Namespace without the `pod-security.kubernetes.io/enforce` label: the admission plugin falls
 * back to the cluster default (privileged unless configured), so nothing is enforced there.
 * @example
 * namespaceEnforceLabel.evaluate(sourcedNamespace, ctx)[0]?.message
 */
export const namespaceEnforceLabel = defineCheck({
  id: 'pss.admission.namespace-enforce-label',
  title: 'Namespaces must set a Pod Security enforce level',
  controls: [{ framework: 'pss', level: 'admission', control: 'namespace-enforce-label' }, { framework: 'cis', level: 'cis-1.12', control: '5.2.1' }],
  severity: 'medium',
  target: 'Object',
  remediation: `Label the namespace, e.g. \`kubectl label ns <name> ${ENFORCE_LABEL}=baseline\` (restricted where workloads allow; privileged only for system namespaces, explicitly).`,
  evaluate({ object }, ctx) {
    if (object.kind !== 'Namespace') return pass()
    const labels = object.metadata?.labels ?? {}
    if (typeof labels[ENFORCE_LABEL] === 'string' && labels[ENFORCE_LABEL] !== '') return pass()
    const name = object.metadata?.name ?? ''
    const defaults = clusterDefault(ctx)
    // An AdmissionConfiguration in the input that enforces baseline or restricted by default covers unlabeled namespaces, unless exempted.
    if (defaults && defaults.enforce !== 'privileged' && !defaults.exempt.includes(name)) return pass()
    const why = defaults ? (defaults.exempt.includes(name) ? 'and the AdmissionConfiguration exempts it' : 'and the AdmissionConfiguration default is privileged') : 'so the cluster default applies'
    return fail(`namespace "${name}" has no ${ENFORCE_LABEL} label, ${why}`, { paths: ['/metadata/labels'] })
  },
})

/**
 * The PodSecurity plugin's defaults from an AdmissionConfiguration in the input (inline
 * `configuration`, PodSecurityConfiguration), if any.
 * @example
 * clusterDefault(ctx) // { enforce: 'baseline', exempt: ['kube-system'] }
 */
export function clusterDefault(ctx: CheckContext): { enforce: string; exempt: string[] } | undefined {
  for (const { object } of ctx.inventory?.byKind('AdmissionConfiguration') ?? []) {
    const plugin = (Array.isArray(object.plugins) ? object.plugins : []).filter(isRecord).find((p) => p.name === 'PodSecurity')
    const config = plugin && isRecord(plugin.configuration) ? plugin.configuration : undefined
    if (!config) continue
    const defaults = isRecord(config.defaults) ? config.defaults : {}
    const exemptions = isRecord(config.exemptions) ? config.exemptions : {}
    return { enforce: String(defaults.enforce ?? 'privileged'), exempt: Array.isArray(exemptions.namespaces) ? exemptions.namespaces.map(String) : [] }
  }
  return undefined
}
