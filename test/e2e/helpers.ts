import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer, type RunningServer } from '../../src/api/server.js'
import { parseConfig } from '../../src/config/parse.js'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CONFORMANCE = resolve(ROOT, '../shared/conformance')

/** A fresh data folder under the OS temp dir. */
export function tempDataDir(prefix = 'kubesiem-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Start a real server on a free loopback port over a fresh data folder. */
export async function startTestServer(dataDir = tempDataDir(), extra: Record<string, unknown> = {}): Promise<RunningServer & { dataDir: string; token: string }> {
  const server = await startServer({ config: parseConfig({ dataDir, port: 0, cluster: 'e2e', ...extra }), logLevel: 'silent', print: () => undefined })
  return Object.assign(server, { dataDir, token: server.adminToken! })
}

/** Run the real CLI (the built bin) and capture its output. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, 'bin/kubesiem.js'), ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...options.env }, timeout: 120_000 })
}

/** A minimal valid audit Event. */
export function auditEvent(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: id, stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/pods', verb: 'list', user: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.1.2.3'], userAgent: 'kubectl/v1.31.0', objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { code: 200 }, requestReceivedTimestamp: '2026-03-01T10:00:00.000000Z', stageTimestamp: '2026-03-01T10:00:00.010000Z', ...extra,
  }
}

/**
 * Run the CLI without blocking this process: needed when the server it talks to runs in-process
 * (spawnSync would freeze the server's event loop and deadlock).
 */
export function runCliAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [join(ROOT, 'bin/kubesiem.js'), ...args], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      resolvePromise({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}
