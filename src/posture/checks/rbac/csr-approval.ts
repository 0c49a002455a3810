import type { Violation } from '../../check.js'
import { subjectKey } from '../../rbac/model.js'
import { grantsFor } from '../../rbac/who-can.js'
import type { Grant, Subject } from '../../rbac/types.js'
import { fromAdminRole } from './cluster-admin.js'
import { isSystemDefault } from './defaults.js'
import { bindingViolation, defineRbacRisk, formatSubject } from './risk.js'

const GROUP = 'certificates.k8s.io'

/**
 * Subjects that can both approve CertificateSigningRequests (update certificatesigningrequests/approval)
 * and use a signer (approve on signers): together they can issue client certificates, e.g. for a
 * system:masters identity. Both halves may come from different bindings.
 * @example
 * csrApproval.evaluate(model, ctx)[0]?.message
 */
export const csrApproval = defineRbacRisk(
  {
    name: 'csr-approval', title: 'Subjects can approve certificate signing requests', severity: 'high',
    patterns: ['csr-approve'], cis: ['5.1.11'],
    remediation: 'Keep CSR approval to the controller manager; restrict approve on signers with resourceNames to specific signer names.',
  },
  (model, ctx) => {
    const usable = (grants: Grant[]) => grants.filter((g) => !fromAdminRole(g) && (ctx.includeSystemDefaults || !isSystemDefault(g.binding)))
    const approval = usable(grantsFor(model, { verb: 'update', resource: 'certificatesigningrequests', subresource: 'approval', apiGroup: GROUP }, { anyNamespace: true }))
    const signers = usable(grantsFor(model, { verb: 'approve', resource: 'signers', apiGroup: GROUP }, { anyNamespace: true }))
    const signerBySubject = new Map<string, Grant[]>()
    for (const g of signers) for (const s of g.binding.subjects) signerBySubject.set(subjectKey(s), [...(signerBySubject.get(subjectKey(s)) ?? []), g])
    const violations: Violation[] = []
    const done = new Set<string>()
    for (const g of approval) {
      for (const subject of g.binding.subjects) {
        const key = subjectKey(subject)
        const signer = signerBySubject.get(key)
        if (!signer || done.has(key)) continue
        done.add(key)
        const base = bindingViolation(g.binding, [g, ...signer.filter((s) => s !== g)], 'approve CSRs and sign them')
        violations.push({ ...base, message: base.message.replace(/^.*? can /, `${formatSubject(subject as Subject)} can `) })
      }
    }
    return violations
  },
)
