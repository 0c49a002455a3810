import { defineCheck, fail, pass } from '../../check.js'
import { isRecord } from '../../types.js'

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse']

interface Sample {
  verb: string
  group: string
  resource: string
}

// A rule applies to an ordinary user's request when it names no particular users, groups or namespaces.
function ruleMatches(rule: Record<string, unknown>, req: Sample): boolean {
  if (['users', 'userGroups', 'namespaces', 'nonResourceURLs'].some((k) => Array.isArray(rule[k]) && (rule[k] as unknown[]).length > 0)) return false
  if (Array.isArray(rule.verbs) && rule.verbs.length > 0 && !rule.verbs.includes(req.verb)) return false
  if (!Array.isArray(rule.resources) || rule.resources.length === 0) return true
  const [resource, sub] = req.resource.split('/')
  return rule.resources.filter(isRecord).some((r) => {
    if ((r.group ?? '') !== req.group && r.group !== '*') return false
    const names = Array.isArray(r.resources) ? r.resources.map(String) : []
    if (names.length === 0) return true
    return names.some((n) => n === '*' || n === req.resource || (sub !== undefined && (n === `${resource}/*` || n === `*/${sub}`)))
  })
}

/**
 * The level an audit Policy gives a request: the first matching rule's, None when no rule matches.
 * @example
 * auditLevel(policy, { verb: 'get', group: '', resource: 'secrets' }) // 'Metadata'
 */
export function auditLevel(policy: Record<string, unknown>, req: Sample): string {
  const rule = (Array.isArray(policy.rules) ? policy.rules : []).filter(isRecord).find((r) => ruleMatches(r, req))
  return rule && typeof rule.level === 'string' ? rule.level : 'None'
}

/**
 * The audit Policy logs what an investigation needs without leaking secrets: Secret (and token)
 * access at Metadata exactly (Request or RequestResponse would copy secret values into the log,
 * None would hide who read them), and exec, attach and port-forward logged at all.
 * @example
 * auditPolicyQuality.evaluate(policy, ctx)[0]?.message // 'audit Policy logs get secrets at RequestResponse: secret values end up in the audit log'
 */
export const auditPolicyQuality = defineCheck({
  id: 'hardening.cluster.audit-policy',
  title: 'The audit policy records sensitive access at the right level',
  controls: [{ framework: 'kubesiem', control: 'audit-policy' }, { framework: 'cis', level: 'cis-1.12', control: '3.2.2' }],
  severity: 'medium',
  target: 'Object',
  remediation: 'Put a rule for secrets, configmaps and serviceaccounts/token at level Metadata first, and one logging pods/exec, pods/attach and pods/portforward at Metadata or above (see deploy/audit-policy.yaml).',
  evaluate({ object }) {
    if (object.kind !== 'Policy' || !/^audit\.k8s\.io\//.test(object.apiVersion ?? '')) return pass()
    const problems: string[] = []
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) {
      const level = auditLevel(object, { verb, group: '', resource: 'secrets' })
      if (level !== 'Metadata') problems.push(level === 'None' ? `${verb} secrets is not logged` : `${verb} secrets is logged at ${level}, which copies secret values into the log`)
    }
    for (const resource of ['pods/exec', 'pods/attach', 'pods/portforward']) {
      const levels = ['create', 'get'].map((verb) => auditLevel(object, { verb, group: '', resource }))
      if (levels.every((l) => l === 'None')) problems.push(`${resource} is not logged`)
    }
    return problems.length === 0 ? pass() : fail(`audit Policy: ${problems.join('; ')}`, { paths: ['/rules'], evidence: { levels: LEVELS } })
  },
})
