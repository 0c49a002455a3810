import type { PolicyRule } from './types.js'

/** A resource request as the RBAC authorizer sees it. */
export interface ResourceRequest {
  verb: string
  resource: string
  subresource?: string
  /** Core group is `''` (the default). */
  apiGroup?: string
  namespace?: string
  name?: string
}

/** A non-resource request such as `get /healthz`. */
export interface NonResourceRequest {
  verb: string
  nonResourceURL: string
}

export type AccessRequest = ResourceRequest | NonResourceRequest

/**
 * True when the rule allows the request, with the RBAC authorizer's rules: `*` in verbs, apiGroups
 * and resources; `*\/<sub>` for a subresource of anything; resourceNames only constrain named
 * requests; nonResourceURLs match exactly or by a trailing `*` prefix.
 * @example
 * ruleAllows(rule, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'prod' })
 */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!(rule.verbs.includes('*') || rule.verbs.includes(request.verb))) return false
  if ('nonResourceURL' in request) return nonResourceURLMatches(rule, request.nonResourceURL)
  const group = request.apiGroup ?? ''
  if (!(rule.apiGroups.includes('*') || rule.apiGroups.includes(group))) return false
  if (!resourceMatches(rule, request.resource, request.subresource)) return false
  return rule.resourceNames.length === 0 || (request.name !== undefined && rule.resourceNames.includes(request.name))
}

/**
 * Resource match, including subresources (`pods/exec`, `*` and `*\/scale`; `pods/*` is literal, as upstream).
 * @example
 * resourceMatches({ resources: ['*\/scale'] } as PolicyRule, 'deployments', 'scale') // true
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource
  for (const ruleResource of rule.resources) {
    if (ruleResource === '*' || ruleResource === combined) return true
    if (subresource && ruleResource === `*/${subresource}`) return true
  }
  return false
}

/**
 * Non-resource URL match: `*`, exact, or a trailing-`*` prefix.
 * @example
 * nonResourceURLMatches({ nonResourceURLs: ['/logs/*'] } as PolicyRule, '/logs/kube.log') // true
 */
export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  return rule.nonResourceURLs.some((pattern) => pattern === '*' || pattern === url || (pattern.endsWith('*') && url.startsWith(pattern.slice(0, -1))))
}
