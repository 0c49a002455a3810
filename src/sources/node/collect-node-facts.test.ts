import { describe, expect, it } from 'vitest'
import { fakeNode } from '../../../test/fixtures/fake-node.js'
import { collectNodeFacts } from './collect-node-facts.js'

describe('collectNodeFacts', () => {
  it('stats the files the patterns match, names owners from the node, reads Kubernetes processes and their config', async () => {
    const facts = await collectNodeFacts({ root: fakeNode(), name: 'node-1', patterns: ['/etc/kubernetes/manifests/kube-apiserver.yaml', '/etc/kubernetes/pki/**/*.key', '/etc/kubernetes/pki/**', '/etc/missing.conf'] })
    expect(facts.files.map((f) => [f.path, f.mode, f.owner])).toEqual([
      ['/etc/kubernetes/manifests/kube-apiserver.yaml', '644', 'root:root'],
      ['/etc/kubernetes/pki', expect.any(String), 'root:root'],
      ['/etc/kubernetes/pki/ca.crt', '644', 'root:root'],
      ['/etc/kubernetes/pki/etcd', expect.any(String), 'root:root'],
      ['/etc/kubernetes/pki/etcd/ca.key', '640', 'root:root'],
    ])
    expect(facts.processes).toEqual([{ binary: 'kubelet', args: ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--hostname-override=other'], env: {} }])
    expect(facts.configs['/var/lib/kubelet/config.yaml']).toContain('enabled: true')
  })
})
