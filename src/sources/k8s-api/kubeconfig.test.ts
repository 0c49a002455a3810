import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import type { RequestOptions } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveClusterAuth } from './kubeconfig.js'

const dir = mkdtempSync(join(tmpdir(), 'kubesiem-kc-'))

describe('resolveClusterAuth (through @kubernetes/client-node)', () => {
  it('resolves the current context: CA file, client certificate data, token', async () => {
    writeFileSync(join(dir, 'ca.crt'), 'CA-PEM')
    writeFileSync(join(dir, 'token'), 'file-token\n')
    const file = join(dir, 'config')
    writeFileSync(file, [
      'apiVersion: v1', 'kind: Config', 'current-context: a',
      'clusters: [{name: c, cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.crt}}]',
      `users: [{name: u, user: {client-certificate-data: ${Buffer.from('CERT').toString('base64')}, client-key-data: ${Buffer.from('KEY').toString('base64')}, token: file-token}}]`,
      'contexts: [{name: a, context: {cluster: c, user: u}}, {name: b, context: {cluster: missing, user: u}}]',
    ].join('\n'))
    const auth = await resolveClusterAuth(file)
    const options: RequestOptions = {}
    await auth.apply(options)
    expect(auth).toMatchObject({ context: 'a', server: 'https://10.0.0.1:6443' })
    expect([String(options.ca), String(options.cert), String(options.key)]).toEqual(['CA-PEM', 'CERT', 'KEY'])
    expect(options.headers).toEqual({ Authorization: 'Bearer file-token' })
    await expect(resolveClusterAuth(file, 'b')).rejects.toThrow('context "b" names no cluster with a server address')
    await expect(resolveClusterAuth(file, 'z')).rejects.toThrow('no context named "z"')
  })

  it('runs exec credential plugins for a token', async () => {
    const plugin = join(dir, 'plugin.sh')
    writeFileSync(plugin, '#!/bin/sh\necho \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-\'"$SUFFIX"\'"}}\'\n')
    chmodSync(plugin, 0o755)
    const file = join(dir, 'exec-config')
    writeFileSync(file, `apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters: [{name: c, cluster: {server: "https://x:6443", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, env: [{name: SUFFIX, value: ok}]}}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n`)
    const options: RequestOptions = {}
    await (await resolveClusterAuth(file)).apply(options)
    expect(options).toMatchObject({ rejectUnauthorized: false, headers: { Authorization: 'Bearer exec-ok' } })
  })
})
