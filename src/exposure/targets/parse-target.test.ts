import { describe, expect, test } from 'vitest'
import { expandCidr } from './cidr.js'
import { targetsFromObjects } from './cluster-targets.js'
import { parsePorts, parseTargets } from './parse-target.js'

describe('targets', () => {
  test('hosts, host:port, IPv6 and CIDRs; bad ones are listed, not fatal', () => {
    const { specs, bad } = parseTargets(['127.0.0.1', 'localhost:2379', '[::1]:10250', '::1', '127.1.0.0/30', 'a:b:c', 'host:99999', '10.0.0.0/8', 'fe80::/64'], 1024)
    expect(specs).toEqual([
      { host: '127.0.0.1', port: undefined }, { host: 'localhost', port: 2379 }, { host: '::1', port: 10250 }, { host: '::1', port: undefined },
      { host: '127.1.0.0' }, { host: '127.1.0.1' }, { host: '127.1.0.2' }, { host: '127.1.0.3' },
    ])
    expect(bad.map((b) => [b.target, b.code])).toEqual([
      ['a:b:c', 'KUBESIEM_EXPOSURE_BAD_TARGET'], ['host:99999', 'KUBESIEM_EXPOSURE_BAD_TARGET'], ['10.0.0.0/8', 'KUBESIEM_EXPOSURE_CIDR_TOO_LARGE'], ['fe80::/64', 'KUBESIEM_EXPOSURE_BAD_TARGET'],
    ])
  })

  test('CIDR expansion masks the host bits and respects the limit', () => {
    expect(expandCidr('127.1.0.5/31', 10)).toEqual({ addresses: ['127.1.0.4', '127.1.0.5'] })
    expect(expandCidr('127.1.0.0/24', 255)).toEqual({ tooLarge: 256 })
  })

  test('ports and ranges', () => {
    expect(parsePorts('2379, 10250-10252')).toEqual([2379, 10250, 10251, 10252])
    expect(parsePorts('0')).toBeUndefined()
    expect(parsePorts('10-5')).toBeUndefined()
  })

  test('--from-cluster: node addresses, Service cluster IPs, NodePorts on every node, Endpoints and EndpointSlices', () => {
    const snapshot = {
      kind: 'List',
      items: [
        { kind: 'Node', status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'n1' }] } },
        { kind: 'Service', spec: { clusterIP: '10.96.0.1', ports: [{ port: 443 }] } },
        { kind: 'Service', spec: { clusterIP: 'None', type: 'NodePort', ports: [{ port: 443, nodePort: 30443 }] } },
        { kind: 'Endpoints', subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ port: 6443 }] }] },
        { kind: 'EndpointSlice', endpoints: [{ addresses: ['10.244.1.7'] }], ports: [{ port: 8443 }] },
      ],
    }
    expect(targetsFromObjects(snapshot)).toEqual(['10.0.0.5', '10.96.0.1:443', '10.0.0.5:30443', '10.0.0.5:6443', '10.244.1.7:8443'])
  })
})
