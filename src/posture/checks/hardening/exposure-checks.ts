import { defineCheck, fail, pass } from '../../check.js'
import { isRecord } from '../../types.js'

// The kubelet API (10250), its read-only port (10255), etcd client (2379) and peer (2380) ports.
const NODE_PORTS: Record<number, string> = { 10250: 'kubelet API', 10255: 'kubelet read-only API', 2379: 'etcd client API', 2380: 'etcd peer API' }

/**
 * Services of type NodePort or LoadBalancer that expose kubelet or etcd ports beyond the cluster.
 * @example
 * exposedControlPorts.evaluate(service, ctx)[0]?.message // 'LoadBalancer Service exposes the etcd client API (port 2379)'
 */
export const exposedControlPorts = defineCheck({
  id: 'hardening.service.exposed-control-ports',
  title: 'Services do not expose kubelet or etcd ports',
  controls: [{ framework: 'kubesiem', control: 'exposed-control-ports' }],
  severity: 'high',
  target: 'Object',
  remediation: 'Use a ClusterIP Service (or none) for kubelet and etcd ports; reach them only from the control plane.',
  evaluate({ object }) {
    if (object.kind !== 'Service' || !isRecord(object.spec)) return pass()
    const type = String(object.spec.type ?? 'ClusterIP')
    if (type !== 'NodePort' && type !== 'LoadBalancer') return pass()
    const ports = (Array.isArray(object.spec.ports) ? object.spec.ports : []).filter(isRecord)
    return ports.flatMap((p, i) => {
      const hit = [p.port, p.targetPort].find((n): n is number => typeof n === 'number' && n in NODE_PORTS)
      return hit === undefined ? pass() : fail(`${type} Service exposes the ${NODE_PORTS[hit]} (port ${hit})`, { paths: [`/spec/ports/${i}`] })
    })
  },
})

/**
 * Ingresses serve every host over TLS: an Ingress with rules and no `tls`, or hosts the tls
 * entries do not list, sends credentials and cookies in clear text.
 * @example
 * ingressTls.evaluate(ingress, ctx)[0]?.message // 'Ingress serves shop.example.com without TLS'
 */
export const ingressTls = defineCheck({
  id: 'hardening.ingress.tls',
  title: 'Ingresses use TLS',
  controls: [{ framework: 'kubesiem', control: 'ingress-tls' }],
  severity: 'medium',
  target: 'Object',
  remediation: 'Add spec.tls with a certificate Secret covering every host (cert-manager can issue them).',
  evaluate({ object }) {
    if (object.kind !== 'Ingress' || !/^(networking\.k8s\.io|extensions)\//.test(object.apiVersion ?? '') || !isRecord(object.spec)) return pass()
    const tls = (Array.isArray(object.spec.tls) ? object.spec.tls : []).filter(isRecord)
    const covered = new Set(tls.flatMap((t) => (Array.isArray(t.hosts) ? t.hosts.map(String) : [])))
    const hosts = (Array.isArray(object.spec.rules) ? object.spec.rules : []).filter(isRecord).map((r) => (typeof r.host === 'string' ? r.host : '*'))
    if (hosts.length === 0 && isRecord(object.spec.defaultBackend)) hosts.push('*')
    const plain = hosts.filter((h) => (tls.length === 0 ? true : h !== '*' && !covered.has(h) && ![...covered].some((c) => c.startsWith('*.') && h.endsWith(c.slice(1)))))
    return plain.length === 0 ? pass() : fail(`Ingress serves ${plain.map((h) => (h === '*' ? 'every host' : h)).join(', ')} without TLS`, { paths: ['/spec/tls'] })
  },
})
