import { fromAdminRole } from './cluster-admin.js'
import { defineRbacRisk, violationsByBinding } from './risk.js'

/**
 * Bound rules with `*` in verbs or resources (CIS 5.1.3); roles holding a full `*`/`*`/`*` rule are
 * left to the cluster-admin check so one grant is not reported twice.
 * @example
 * wildcards.evaluate(model, ctx)[0]?.message // 'Group "devs" can use wildcard verbs or resources in namespace "dev" via …'
 */
export const wildcards = defineRbacRisk(
  {
    name: 'wildcards', title: 'Roles use wildcards', severity: 'medium',
    patterns: ['any-verb-on-resource', 'any-resource-verb'], cis: ['5.1.3'],
    remediation: 'List verbs and resources explicitly; a wildcard also grants everything added to the API later.',
  },
  (model, ctx) =>
    violationsByBinding(
      model.grants.filter((g) => !fromAdminRole(g) && (g.rule.verbs.includes('*') || g.rule.resources.some((r) => r === '*' || r.startsWith('*/')))),
      'use wildcard verbs or resources',
      ctx,
    ),
)
