import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// No Dashboard here: these fakes answer as kubernetes/dashboard v2's API (src/app/backend/auth
// handlers): /api/v1/login/modes, /api/v1/login/skippable reflects --enable-skip-login, and
// without a token the API uses the dashboard's own service account when skip-login is on, or
// answers 401 MSG_LOGIN_UNAUTHORIZED_ERROR when it is off.
function dashboard(skip: boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url === '/api/v1/login/modes') return send(res, 200, { modes: ['token'] })
    if (req.url === '/api/v1/login/skippable') return send(res, 200, { skippable: skip })
    if (req.url === '/api/v1/namespace') {
      return skip ? send(res, 200, { listMeta: { totalItems: 4 }, namespaces: [], errors: [] }) : send(res, 401, { ErrStatus: { message: 'MSG_LOGIN_UNAUTHORIZED_ERROR', code: 401 } })
    }
    send(res, 404, '404 page not found')
  }
}

async function startOnNodePort(): Promise<Fake | undefined> {
  for (let port = 30000 + Math.floor(Math.random() * 2000); port < 32767; port += 97) {
    const fake = await startFake(dashboard(false), { host: '127.94.0.1', port }).catch(() => undefined)
    if (fake) return fake
  }
  return undefined
}

describe('Dashboard scanner (fakes answering as kubernetes/dashboard v2)', () => {
  let open: Fake, locked: Fake | undefined
  beforeAll(async () => {
    open = await startFake(dashboard(true), { tls: true })
    locked = await startOnNodePort()
  })
  afterAll(async () => Promise.all([open, locked].map((f) => f?.close())))

  test('skip-login on: skip-login (high) and anonymous API (critical, KHV029)', async () => {
    const report = await runScan([open.target], TEST_SCAN)
    expect(report.findings.map((f) => [f.checkId, f.severity]).sort()).toEqual([['exposure.dashboard.anonymous-api', 'critical'], ['exposure.dashboard.skip-login', 'high']])
  })

  test('login required but published on a NodePort: medium', async () => {
    expect(locked).toBeDefined()
    const report = await runScan([locked!.target], TEST_SCAN)
    expect(report.findings.map((f) => f.checkId)).toEqual(['exposure.dashboard.node-port'])
  })
})
