import { defineCheck, fail, pass } from '../../check.js'

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
  evaluate({ object }) {
    if (object.kind !== 'Namespace') return pass()
    const labels = object.metadata?.labels ?? {}
    if (typeof labels[ENFORCE_LABEL] === 'string' && labels[ENFORCE_LABEL] !== '') return pass()
    return fail(`namespace "${object.metadata?.name ?? ''}" has no ${ENFORCE_LABEL} label, so the cluster default applies`, {
      paths: ['/metadata/labels'],
    })
  },
})
