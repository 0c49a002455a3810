import { defineCheck, fail, pass, type CheckResult } from '../../check.js'
import { isRecord } from '../../types.js'

const WEBHOOK_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'])

// Default and maximum of timeoutSeconds in admissionregistration.k8s.io/v1 are 10 and 30.
const SLOW_TIMEOUT_SECONDS = 10

function exemptsKubeSystem(webhook: Record<string, unknown>): boolean {
  const selector = isRecord(webhook.namespaceSelector) ? webhook.namespaceSelector : {}
  const expressions = (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).filter(isRecord)
  return expressions.some((e) => {
    const values = Array.isArray(e.values) ? e.values.map(String) : []
    const mentions = values.includes('kube-system')
    return (e.operator === 'NotIn' && mentions) || (e.operator === 'In' && !mentions && (e.key === 'kubernetes.io/metadata.name' || e.key === 'name'))
  })
}

/**
 * Admission webhooks are third parties in every write: where they send the request (a URL outside
 * the cluster, plain http), whether they fail open (failurePolicy: Ignore lets requests through
 * when the webhook is down) and slow timeouts. Exempting kube-system is webhookKubeSystemExempt.
 * @example
 * admissionWebhooks.evaluate(config, ctx).map((v) => v.message)
 */
export const admissionWebhooks = defineCheck({
  id: 'hardening.cluster.admission-webhooks',
  title: 'Admission webhooks are safe third parties',
  controls: [{ framework: 'kubesiem', control: 'admission-webhooks' }],
  severity: 'medium',
  target: 'Object',
  remediation: 'Serve webhooks from in-cluster Services over TLS with a caBundle, use failurePolicy: Fail for policy webhooks, keep timeoutSeconds low, and exempt only the namespaces you must.',
  evaluate({ object }) {
    if (!WEBHOOK_KINDS.has(object.kind ?? '')) return pass()
    const results: CheckResult[] = []
    for (const [i, webhook] of (Array.isArray(object.webhooks) ? object.webhooks : []).entries()) {
      if (!isRecord(webhook)) continue
      const name = String(webhook.name ?? i)
      const path = `/webhooks/${i}`
      const client = isRecord(webhook.clientConfig) ? webhook.clientConfig : {}
      if (typeof client.url === 'string') {
        const insecure = client.url.startsWith('http://')
        results.push(fail(`webhook ${name} sends admission requests (object contents, Secrets included) to ${client.url}${insecure ? ' without TLS' : ', outside the cluster'}`, { paths: [`${path}/clientConfig/url`], evidence: { webhook: name, target: client.url } }))
      } else if (!client.caBundle && isRecord(client.service)) {
        results.push(fail(`webhook ${name} has no caBundle to verify service ${String(client.service.namespace)}/${String(client.service.name)}`, { paths: [`${path}/clientConfig/caBundle`], evidence: { webhook: name } }))
      }
      if (webhook.failurePolicy === 'Ignore') results.push(fail(`webhook ${name} fails open (failurePolicy: Ignore): requests pass unchecked while it is down`, { paths: [`${path}/failurePolicy`], evidence: { webhook: name } }))
      const timeout = typeof webhook.timeoutSeconds === 'number' ? webhook.timeoutSeconds : SLOW_TIMEOUT_SECONDS
      if (timeout > SLOW_TIMEOUT_SECONDS) results.push(fail(`webhook ${name} may hold every matching request for ${timeout}s`, { paths: [`${path}/timeoutSeconds`], evidence: { webhook: name } }))
    }
    return results.flat()
  },
})

/**
 * Webhooks whose namespaceSelector exempts kube-system: usual (it keeps the control plane up when
 * the webhook is down) but objects there bypass the webhook's policy, so it is worth knowing.
 * @example
 * webhookKubeSystemExempt.evaluate(config, ctx)[0]?.message // 'webhook policy.example.com exempts kube-system: objects there bypass it'
 */
export const webhookKubeSystemExempt = defineCheck({
  id: 'hardening.cluster.webhook-kube-system-exempt',
  title: 'Admission webhooks that exempt kube-system',
  controls: [{ framework: 'kubesiem', control: 'admission-webhooks' }],
  severity: 'info',
  target: 'Object',
  remediation: 'Restrict who can create objects in kube-system, since the webhook does not see them.',
  evaluate({ object }) {
    if (!WEBHOOK_KINDS.has(object.kind ?? '')) return pass()
    const webhooks = Array.isArray(object.webhooks) ? object.webhooks : []
    return webhooks.flatMap((w, i) => (isRecord(w) && exemptsKubeSystem(w) ? fail(`webhook ${String(w.name ?? i)} exempts kube-system: objects there bypass it`, { paths: [`/webhooks/${i}/namespaceSelector`] }) : pass()))
  },
})

/**
 * Aggregated APIServices: the API server proxies their group to a Service; without TLS verification
 * anyone who can answer for that Service can serve (and read) that API.
 * @example
 * aggregatedApis.evaluate(apiService, ctx)[0]?.message // 'APIService v1beta1.metrics.k8s.io skips TLS verification of service kube-system/metrics-server'
 */
export const aggregatedApis = defineCheck({
  id: 'hardening.cluster.aggregated-apis',
  title: 'Aggregated APIs are reached over verified TLS',
  controls: [{ framework: 'kubesiem', control: 'aggregated-apis' }],
  severity: 'medium',
  target: 'Object',
  remediation: 'Set caBundle on the APIService and remove insecureSkipTLSVerify.',
  evaluate({ object }) {
    if (object.kind !== 'APIService' || !isRecord(object.spec) || !isRecord(object.spec.service)) return pass()
    const service = `${String(object.spec.service.namespace)}/${String(object.spec.service.name)}`
    if (object.spec.insecureSkipTLSVerify === true) return fail(`APIService ${object.metadata?.name ?? ''} skips TLS verification of service ${service}`, { paths: ['/spec/insecureSkipTLSVerify'] })
    return object.spec.caBundle ? pass() : fail(`APIService ${object.metadata?.name ?? ''} has no caBundle for service ${service}`, { paths: ['/spec/caBundle'] })
  },
})
