import { describe, expect, it } from 'vitest'
import { messages } from '../../../../test/fixtures/posture-messages.js'
import type { KubeObject } from '../../types.js'
import { exposedControlPorts, ingressTls } from './exposure-checks.js'
import { automountToken, defaultServiceAccountAutomount, defaultServiceAccountUse } from './service-account-checks.js'
import { admissionWebhooks, aggregatedApis, webhookKubeSystemExempt } from './third-party-checks.js'

const webhooks = (items: Array<Record<string, unknown>>): KubeObject => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'policy' }, webhooks: items })
const SAFE = { name: 'policy.example.com', clientConfig: { service: { namespace: 'policy', name: 'webhook' }, caBundle: 'Zm9v' }, failurePolicy: 'Fail', timeoutSeconds: 5 }

describe('admission webhooks and aggregated APIs', () => {
  it('fails external or plain-http targets, fail-open, slow webhooks and missing caBundle', () => {
    const found = messages(admissionWebhooks, [webhooks([{ name: 'ext', clientConfig: { url: 'http://203.0.113.5/validate' }, failurePolicy: 'Ignore', timeoutSeconds: 30 }, { name: 'noca', clientConfig: { service: { namespace: 'p', name: 'w' } } }])])
    expect(found).toEqual([
      'webhook ext sends admission requests (object contents, Secrets included) to http://203.0.113.5/validate without TLS',
      'webhook ext fails open (failurePolicy: Ignore): requests pass unchecked while it is down',
      'webhook ext may hold every matching request for 30s',
      'webhook noca has no caBundle to verify service p/w',
    ])
    expect(messages(webhookKubeSystemExempt, [webhooks([{ ...SAFE, namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } }])])).toEqual(['webhook policy.example.com exempts kube-system: objects there bypass it'])
  })
  it('passes an in-cluster, verified, fail-closed webhook that sees kube-system', () => {
    expect(messages(admissionWebhooks, [webhooks([SAFE])])).toEqual([])
    expect(messages(webhookKubeSystemExempt, [webhooks([SAFE])])).toEqual([])
  })
  it('fails aggregated APIs without TLS verification, passes those with a caBundle', () => {
    const api = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { service: { namespace: 'kube-system', name: 'metrics-server' }, ...spec } })
    expect(messages(aggregatedApis, [api({ insecureSkipTLSVerify: true })])).toEqual(['APIService v1beta1.metrics.k8s.io skips TLS verification of service kube-system/metrics-server'])
    expect(messages(aggregatedApis, [api({ caBundle: 'Zm9v' })])).toEqual([])
    expect(messages(aggregatedApis, [{ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.apps' }, spec: { group: 'apps' } }])).toEqual([])
  })
})

describe('service accounts', () => {
  const sa = (name: string, automount?: boolean): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'shop' }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) })
  const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'a', image: 'a' }], ...spec } })
  it('default accounts that mount tokens, pods on the default account, pods mounting tokens', () => {
    expect(messages(defaultServiceAccountAutomount, [sa('default')])).toEqual(['ServiceAccount shop/default mounts its token into pods'])
    expect(messages(defaultServiceAccountUse, [pod({})])).toEqual(['pod runs as the default ServiceAccount'])
    expect(messages(automountToken, [pod({ serviceAccountName: 'web' })])).toEqual(['pod mounts a token for ServiceAccount shop/web'])
    expect(messages(automountToken, [pod({ serviceAccountName: 'web', automountServiceAccountToken: true }), sa('web', false)])).toEqual(['pod mounts a token for ServiceAccount shop/web'])
  })
  it('passes accounts and pods that opt out, and pods with their own account', () => {
    expect(messages(defaultServiceAccountAutomount, [sa('default', false), sa('web')])).toEqual([])
    expect(messages(defaultServiceAccountUse, [pod({ serviceAccountName: 'web' })])).toEqual([])
    expect(messages(automountToken, [pod({ automountServiceAccountToken: false })])).toEqual([])
    expect(messages(automountToken, [pod({ serviceAccountName: 'web' }), sa('web', false)])).toEqual([])
  })
})

describe('exposed control ports and Ingress TLS', () => {
  const svc = (type: string, port: number): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { type, ports: [{ port, targetPort: port }] } })
  it('fails NodePort/LoadBalancer Services on kubelet or etcd ports, passes ClusterIP or other ports', () => {
    expect(messages(exposedControlPorts, [svc('LoadBalancer', 2379)])).toEqual(['LoadBalancer Service exposes the etcd client API (port 2379)'])
    expect(messages(exposedControlPorts, [svc('NodePort', 10250)])).toEqual(['NodePort Service exposes the kubelet API (port 10250)'])
    expect(messages(exposedControlPorts, [svc('ClusterIP', 10250), svc('LoadBalancer', 443)])).toEqual([])
  })
  const ingress = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'x' }, spec })
  it('fails Ingresses with hosts not covered by tls, passes covered ones (wildcards included)', () => {
    expect(messages(ingressTls, [ingress({ rules: [{ host: 'shop.example.com' }] })])).toEqual(['Ingress serves shop.example.com without TLS'])
    expect(messages(ingressTls, [ingress({ tls: [{ hosts: ['a.example.com'] }], rules: [{ host: 'a.example.com' }, { host: 'b.example.org' }] })])).toEqual(['Ingress serves b.example.org without TLS'])
    expect(messages(ingressTls, [ingress({ tls: [{ hosts: ['*.example.com'], secretName: 't' }], rules: [{ host: 'shop.example.com' }] })])).toEqual([])
  })
})
