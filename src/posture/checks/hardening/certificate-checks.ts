import { X509Certificate } from 'node:crypto'
import { defineCheck, fail, pass } from '../../check.js'

const DAY = 86_400_000
// kubeadm issues one-year leaf certificates; a month's notice leaves time to rotate by hand.
const EXPIRY_WARNING_DAYS = 30
const MAX_LEAF_AGE_DAYS = 365

/**
 * Control-plane and kubelet certificates (a PKI folder read as `kubesiem.io/v1 CertificateFile`
 * objects) are valid, not about to expire, and rotated: an expired one is critical, one expiring
 * within 30 days high, a leaf certificate older than a year means rotation is not happening.
 * @example
 * certificateExpiry.evaluate(certFile, { ...ctx, now: Date.now() })[0]?.message // 'certificate /etc/kubernetes/pki/apiserver.crt (CN=kube-apiserver) expired on 2026-01-02'
 */
export const certificateExpiry = defineCheck({
  id: 'hardening.pki.certificate-expiry',
  title: 'Certificates are valid and rotated',
  controls: [{ framework: 'kubesiem', control: 'credential-rotation' }],
  severity: 'high',
  target: 'Object',
  remediation: 'Renew with kubeadm certs renew all (or your distribution\'s tool), enable kubelet rotateCertificates and serverTLSBootstrap, and watch expiry.',
  evaluate({ object }, ctx) {
    if (object.kind !== 'CertificateFile' || typeof object.pem !== 'string') return pass()
    const path = String(object.path ?? object.metadata?.name ?? '')
    let cert: X509Certificate
    try {
      cert = new X509Certificate(object.pem)
    } catch (error) {
      return fail(`certificate ${path} cannot be parsed: ${(error as Error).message}`, { paths: ['/pem'] })
    }
    const now = ctx.now ?? Date.now()
    const until = Date.parse(cert.validTo)
    const since = Date.parse(cert.validFrom)
    const subject = cert.subject.replace(/\n/g, ', ')
    const evidence = { path, subject, validFrom: new Date(since).toISOString(), validTo: new Date(until).toISOString(), ca: cert.ca }
    if (until < now) return fail(`certificate ${path} (${subject}) expired on ${evidence.validTo.slice(0, 10)}`, { evidence })
    const left = Math.floor((until - now) / DAY)
    if (left < EXPIRY_WARNING_DAYS) return fail(`certificate ${path} (${subject}) expires in ${left} days, on ${evidence.validTo.slice(0, 10)}`, { evidence })
    const age = Math.floor((now - since) / DAY)
    if (!cert.ca && age > MAX_LEAF_AGE_DAYS) return fail(`certificate ${path} (${subject}) was issued ${age} days ago and not rotated since`, { evidence })
    return pass()
  },
})
