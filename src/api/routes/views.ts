import type { FastifyInstance } from 'fastify'
import type { AlertBus } from '../../alerting/bus.js'
import type { DetectionEngine } from '../../rules/engine.js'
import type { Store } from '../../store/store.js'
import type { TokenStore } from '../auth/tokens.js'
import { RbacSnapshot } from '../views/rbac-snapshot.js'
import { investigateRoutes } from './investigate.js'
import { overviewRoutes } from './overview.js'
import { postureRoutes } from './posture.js'
import { ruleRoutes } from './rules.js'
import { searchRoutes } from './search.js'
import { triageRoutes } from './triage.js'

export interface ViewDeps {
  store: Store
  tokens: TokenStore
  engine?: DetectionEngine
  bus?: AlertBus
  /** `posture.snapshot` from the config: manifests for the RBAC evaluator. */
  snapshot?: string
}

/**
 * The UI's read models and actions: triage, overview, investigation, search, posture and rules.
 * @example await app.register(viewRoutes, { store, tokens, engine, bus })
 */
export async function viewRoutes(app: FastifyInstance, options: ViewDeps): Promise<void> {
  const base = { store: options.store, tokens: options.tokens }
  await app.register(triageRoutes, { ...base, bus: options.bus })
  await app.register(overviewRoutes, base)
  await app.register(investigateRoutes, { ...base, rbac: new RbacSnapshot(options.snapshot) })
  await app.register(searchRoutes, base)
  await app.register(postureRoutes, base)
  await app.register(ruleRoutes, { ...base, engine: options.engine })
}
