import { createServer, type Server } from 'node:http'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { collectSnapshot } from './collect-snapshot.js'
import { listPath, SNAPSHOT_RESOURCES } from './resources.js'

const dir = mkdtempSync(join(tmpdir(), 'kubesiem-collect-'))
const kubeconfig = (server: string, extra = '') => {
  const file = join(dir, `kc-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: s3cret${extra}}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n`)
  return file
}

// A fake API server: /version, two pages of pods, RBAC forbidden, everything else empty.
let server: Server
let base = ''
const seenAuth = new Set<string>()
beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuth.add(String(req.headers.authorization))
    const url = new URL(req.url ?? '/', 'http://x')
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (url.pathname === '/version') return send(200, { major: '1', minor: '34', gitVersion: 'v1.34.2' })
    if (url.pathname === '/api/v1/pods') {
      const page = url.searchParams.get('continue') === 'p2' ? 2 : 1
      return send(200, { kind: 'PodList', metadata: page === 1 ? { continue: 'p2' } : {}, items: [{ metadata: { name: `pod-${page}`, namespace: 'default' }, spec: { containers: [] } }] })
    }
    if (url.pathname === '/apis/rbac.authorization.k8s.io/v1/clusterroles') return send(403, { kind: 'Status', message: 'clusterroles is forbidden: User "x" cannot list resource "clusterroles"' })
    return send(200, { kind: 'List', metadata: {}, items: [] })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('collectSnapshot', () => {
  it('pages through lists, fills in apiVersion and kind, and records the server version', async () => {
    const snapshot = await collectSnapshot({ kubeconfig: kubeconfig(base) })
    expect(snapshot.context).toBe('lab')
    const pods = snapshot.list.items.filter((i) => i.kind === 'Pod')
    expect(pods.map((p) => [p.apiVersion, (p.metadata as { name: string }).name])).toEqual([['v1', 'pod-1'], ['v1', 'pod-2']])
    expect(snapshot.list.items[0]).toMatchObject({ kind: 'ClusterInfo', serverVersion: { gitVersion: 'v1.34.2' } })
    expect(seenAuth).toContain('Bearer s3cret')
  })

  it('turns a forbidden kind into a problem and reads the rest', async () => {
    const { problems, list } = await collectSnapshot({ kubeconfig: kubeconfig(base) })
    expect(problems.map((p) => p.code)).toEqual(['KUBESIEM_POSTURE_LIST_FAILED'])
    expect(problems[0].message).toContain('cannot list ClusterRole (rbac.authorization.k8s.io/v1): HTTP 403: clusterroles is forbidden')
    expect(list.items.length).toBeGreaterThan(1)
  })

  it('says clearly when the API server cannot be reached, or the kubeconfig cannot be used', async () => {
    await expect(collectSnapshot({ kubeconfig: kubeconfig('https://127.0.0.1:1') })).rejects.toMatchObject({
      code: 'KUBESIEM_POSTURE_CLUSTER_UNREACHABLE',
      message: 'cannot reach the cluster at https://127.0.0.1:1 (context "lab"): connection refused (nothing listens at that address)',
    })
    await expect(collectSnapshot({ kubeconfig: kubeconfig(base), context: 'prod' })).rejects.toMatchObject({ code: 'KUBESIEM_POSTURE_KUBECONFIG_INVALID', message: expect.stringContaining('no context named "prod"') })
  })
})

describe('deploy/kubesiem-reader-clusterrole.yaml', () => {
  it('grants get/list/watch on exactly what collect reads, and nothing on secrets', () => {
    const role = parse(readFileSync(resolve(process.cwd(), 'deploy/kubesiem-reader-clusterrole.yaml'), 'utf8')) as { rules: Array<{ apiGroups?: string[]; resources?: string[]; verbs: string[]; nonResourceURLs?: string[] }> }
    const granted = role.rules.flatMap((r) => (r.resources ?? []).flatMap((res) => (r.apiGroups ?? []).map((g) => `${g}/${res}`)))
    const read = SNAPSHOT_RESOURCES.map(([apiVersion, resource]) => `${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}/${resource}`)
    expect(granted.sort()).toEqual(read.sort())
    expect(role.rules.every((r) => r.verbs.every((v) => ['get', 'list', 'watch'].includes(v)))).toBe(true)
    expect(granted.some((g) => g.endsWith('/secrets'))).toBe(false)
    expect(listPath('v1', 'pods')).toBe('/api/v1/pods')
  })
})
