import { defineCheck, fail, pass } from '../../check.js'

/**
 * Every namespace's `default` ServiceAccount sets automountServiceAccountToken: false, so pods that
 * do not name an account get no API token (CIS 5.1.5).
 * @example
 * defaultServiceAccountAutomount.evaluate(defaultSa, ctx)[0]?.message // 'ServiceAccount default/default mounts its token into pods'
 */
export const defaultServiceAccountAutomount = defineCheck({
  id: 'hardening.serviceaccount.default-automount',
  title: 'Default service accounts do not mount tokens',
  controls: [{ framework: 'kubesiem', control: 'default-service-account' }, { framework: 'cis', level: 'cis-1.12', control: '5.1.5' }],
  severity: 'low',
  target: 'Object',
  remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount of each namespace; give workloads that call the API their own account.',
  evaluate({ object }) {
    if (object.kind !== 'ServiceAccount' || object.metadata?.name !== 'default') return pass()
    return object.automountServiceAccountToken === false ? pass() : fail(`ServiceAccount ${object.metadata?.namespace ?? 'default'}/default mounts its token into pods`, { paths: ['/automountServiceAccountToken'] })
  },
})

/**
 * Pods run under the namespace's default ServiceAccount: every such pod shares one identity, and
 * any permission granted to it reaches them all.
 * @example
 * defaultServiceAccountUse.evaluate(pod, ctx)[0]?.message // 'pod runs as the default ServiceAccount'
 */
export const defaultServiceAccountUse = defineCheck({
  id: 'hardening.pod.default-service-account',
  title: 'Pods use their own service account',
  controls: [{ framework: 'kubesiem', control: 'default-service-account' }],
  severity: 'low',
  target: 'PodSpec',
  remediation: 'Create a ServiceAccount per workload and set spec.serviceAccountName.',
  evaluate({ spec }) {
    const name = spec.serviceAccountName ?? spec.serviceAccount
    return typeof name === 'string' && name !== '' && name !== 'default' ? pass() : fail('pod runs as the default ServiceAccount', { paths: ['/spec/serviceAccountName'] })
  },
})

/**
 * Pods get an API token only when they opt in: the pod's automountServiceAccountToken wins, else its
 * ServiceAccount's (when the input holds it), else Kubernetes mounts the token (CIS 5.1.6).
 * @example
 * automountToken.evaluate(pod, ctx)[0]?.message // 'pod mounts a token for ServiceAccount shop/web'
 */
export const automountToken = defineCheck({
  id: 'hardening.pod.automount-token',
  title: 'Pods mount an API token only when they need it',
  controls: [{ framework: 'kubesiem', control: 'automount-token' }, { framework: 'cis', level: 'cis-1.12', control: '5.1.6' }],
  severity: 'low',
  target: 'PodSpec',
  remediation: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the Kubernetes API.',
  evaluate({ spec, owner }, ctx) {
    if (spec.automountServiceAccountToken === false) return pass()
    const namespace = owner.object.metadata?.namespace ?? 'default'
    const name = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : 'default'
    if (spec.automountServiceAccountToken !== true) {
      const account = ctx.inventory?.byKind('ServiceAccount', namespace).find((sa) => sa.object.metadata?.name === name)
      if (account?.object.automountServiceAccountToken === false) return pass()
    }
    return fail(`pod mounts a token for ServiceAccount ${namespace}/${name}`, { paths: ['/spec/automountServiceAccountToken'] })
  },
})
