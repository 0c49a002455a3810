import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { KubesiemError } from '../../core/index.js'
import type { DetectionEngine } from '../../rules/engine.js'
import type { Store } from '../../store/store.js'
import { recordAudit } from '../audit.js'
import { actorOf, guarded } from '../auth/guard.js'
import type { TokenStore } from '../auth/tokens.js'
import { parseBody } from '../parse.js'

const ToggleSchema = z.object({ enabled: z.boolean() })

/**
 * `GET /api/rules`: every loaded rule with its status, hits since start, alerts, false-positive
 * rate (false positives over closed alerts, from triage) and exceptions. `PUT /api/rules/:id`
 * switches a rule on or off (admin), persisted and audited.
 * @example curl -X PUT -H "Authorization: Bearer $ADMIN" -d '{"enabled":false}' …/api/rules/<id>
 */
export async function ruleRoutes(app: FastifyInstance, options: { store: Store; tokens: TokenStore; engine?: DetectionEngine }): Promise<void> {
  const { store, engine } = options
  const rules = engine?.ruleSet.rules ?? []

  app.get('/api/rules', guarded(options.tokens, 'viewer'), async () => {
    const [alerts, states, exceptions] = await Promise.all([store.queryAlerts({ limit: 10_000 }), store.listRuleStates(), store.listExceptions()])
    const stateOf = new Map(states.map((s) => [s.ruleId, s]))
    const tally = new Map<string, { alerts: number; closed: number; falsePositives: number }>()
    for (const a of alerts.alerts) {
      const t = tally.get(a.rule.id) ?? { alerts: 0, closed: 0, falsePositives: 0 }
      t.alerts += 1
      if (a.status === 'resolved' || a.status === 'false_positive') t.closed += 1
      if (a.status === 'false_positive') t.falsePositives += 1
      tally.set(a.rule.id, t)
    }
    return {
      rules: rules.map((rule) => {
        const t = tally.get(rule.ref.id) ?? { alerts: 0, closed: 0, falsePositives: 0 }
        const state = stateOf.get(rule.ref.id)
        return {
          id: rule.ref.id, title: rule.ref.title, source: rule.ref.source, severity: rule.severity, status: rule.status ?? null, mitre: rule.mitre,
          enabled: state ? state.enabled : rule.enabled, running: rule.enabled, changedBy: state?.changedBy,
          hits: engine?.hitsByRule.get(rule.ref.id) ?? 0, alerts: t.alerts,
          falsePositiveRate: t.closed ? Math.round((t.falsePositives / t.closed) * 1000) / 1000 : null,
          exceptions: exceptions.filter((e) => e.ruleId === rule.ref.id).length,
        }
      }),
    }
  })

  app.put<{ Params: { id: string } }>('/api/rules/:id', guarded(options.tokens, 'admin'), async (request) => {
    const rule = rules.find((r) => r.ref.id === request.params.id)
    if (!rule) throw new KubesiemError('KUBESIEM_API_NOT_FOUND', { what: `rule ${request.params.id}` })
    const { enabled } = parseBody(ToggleSchema, request.body)
    await store.setRuleState({ ruleId: rule.ref.id, enabled, changedBy: actorOf(request).name, changed: new Date().toISOString() })
    await recordAudit(store, request, enabled ? 'rule.enable' : 'rule.disable', rule.ref.id, { title: rule.ref.title })
    // Switching off holds alerts back at once; a rule off by default runs only after a restart builds it in.
    return { id: rule.ref.id, enabled, restartRequired: enabled && !rule.enabled }
  })
}
