import { describe, expect, it } from 'vitest'
import { FALCO_FIELDS, resolveField } from './fields.js'

function extract(name: string, ev: Record<string, unknown>, arg?: string, clusterName?: string) {
  const res = resolveField(name, arg)
  if ('error' in res) throw new Error(res.detail)
  return res.def.extract(ev, res.arg, { clusterName })
}

const EVENT = {
  kind: 'Event',
  auditID: 'id-1',
  stage: 'ResponseComplete',
  stageTimestamp: '2018-10-25T13:58:49.730588Z',
  verb: 'create',
  requestURI: '/api/v1/namespaces/default/pods/p/exec?command=bash&command=-i&container=c',
  user: { username: 'alice', groups: ['g1', 'g2'] },
  sourceIPs: ['10.0.0.1', '::1'],
  userAgent: 'kubectl/v1.30',
  objectRef: { resource: 'pods', namespace: 'default', name: 'p', subresource: 'exec' },
  responseStatus: { code: 201 },
  annotations: { 'authorization.k8s.io/decision': 'allow', 'pod-security.kubernetes.io/audit-violations': 'privileged' },
  requestObject: {
    subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }, { kind: 'Group', name: 'grp' }],
    rules: [{ verbs: ['get', 'list'], resources: ['pods'] }, { verbs: ['*'], apiGroups: [''] }],
    data: { password: 'x' },
    spec: {
      hostNetwork: true,
      securityContext: { runAsUser: 1000 },
      volumes: [{ name: 'etc', hostPath: { path: '/etc' } }, { name: 'cfg', configMap: { name: 'c' } }],
      containers: [
        { name: 'app', image: 'registry.k8s.io/app:1.0@sha256:abc', securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN'] } }, ports: [{ containerPort: 80 }, { hostPort: 8080, containerPort: 81 }] },
        { name: 'side', image: 'busybox', securityContext: { runAsUser: 0 } },
      ],
      initContainers: [{ name: 'init', image: 'alpine:3', securityContext: { privileged: true } }],
    },
  },
}

describe('ka.* fields', () => {
  it('reads the plain request fields', () => {
    expect(extract('ka.auditid', EVENT)).toBe('id-1')
    expect(extract('ka.stage', EVENT)).toBe('ResponseComplete')
    expect(extract('ka.response.code', EVENT)).toBe('201')
    expect(extract('ka.auth.decision', EVENT)).toBe('allow')
    expect(extract('ka.security.pod.violations', EVENT)).toBe('privileged')
    expect(extract('ka.useragent', EVENT)).toBe('kubectl/v1.30')
    expect(extract('ka.target.pod.name', EVENT)).toBe('p')
    expect(extract('ka.cluster.name', EVENT, undefined, 'prod')).toBe('prod')
  })

  it('reads list fields, with an optional index', () => {
    expect(extract('ka.user.groups', EVENT)).toEqual(['g1', 'g2'])
    expect(extract('ka.sourceips', EVENT)).toEqual(['10.0.0.1', '::1'])
    expect(extract('ka.sourceips', EVENT, '1')).toEqual(['::1'])
    expect(extract('ka.req.role.rules.verbs', EVENT)).toEqual(['get', 'list', '*'])
    expect(extract('ka.req.role.rules.resources', EVENT)).toEqual(['pods'])
    expect(extract('ka.req.role.rules.verbs', EVENT, '1')).toEqual(['*'])
  })

  it('takes the first value of a repeated URI query parameter', () => {
    expect(extract('ka.uri.param', EVENT, 'command')).toBe('bash')
    expect(extract('ka.uri.param', EVENT, 'nope')).toBeUndefined()
  })

  it('splits binding subjects by kind', () => {
    expect(extract('ka.req.binding.subjects.user_names', EVENT)).toEqual(['u'])
    expect(extract('ka.req.binding.subjects.serviceaccount_names', EVENT)).toEqual(['sa'])
    expect(extract('ka.req.binding.subjects.serviceaccount_ns_names', EVENT)).toEqual(['ns:sa'])
    expect(extract('ka.req.binding.subjects.group_names', EVENT)).toEqual(['grp'])
  })

  it('keeps containers, initContainers and ephemeralContainers apart', () => {
    expect(extract('ka.req.pod.containers.image.repository', EVENT)).toEqual(['registry.k8s.io/app', 'busybox'])
    expect(extract('ka.req.pod.containers.privileged', EVENT)).toEqual(['false'])
    expect(extract('ka.req.pod.initContainers.privileged', EVENT)).toEqual(['true'])
    expect(extract('ka.req.pod.initContainers.image.repository', EVENT)).toEqual(['alpine'])
    expect(extract('ka.req.pod.ephemeralContainers.image', EVENT)).toBeUndefined()
    expect(extract('ka.req.pod.containers.host_port', EVENT)).toEqual(['80', '8080'])
    expect(extract('ka.req.pod.containers.add_capabilities', EVENT)).toEqual(['NET_ADMIN'])
    expect(extract('ka.req.pod.containers.eff_run_as_user', EVENT)).toEqual(['1000', '0'])
    expect(extract('ka.req.container.image', EVENT)).toBe('registry.k8s.io/app:1.0@sha256:abc')
    expect(extract('ka.req.container.privileged', EVENT)).toBe('false')
  })

  it('reads volumes, including the deprecated prefix-matching hostpath field', () => {
    expect(extract('ka.req.pod.volumes.hostpath', EVENT)).toEqual(['/etc'])
    expect(extract('ka.req.pod.volumes.volume_type', EVENT)).toEqual(['hostPath', 'configMap'])
    expect(extract('ka.req.volume.hostpath', EVENT, '/et*')).toBe('true')
    expect(extract('ka.req.volume.hostpath', EVENT, '/et')).toBe('false')
    expect(extract('ka.req.pod.host_network', EVENT)).toBe('true')
    expect(extract('ka.req.configmap.obj', EVENT)).toBe('{"password":"x"}')
  })

  it('gives nothing for JSON that is not an audit event', () => {
    expect(extract('ka.verb', { verb: 'get' })).toBeUndefined()
    expect(extract('ka.cluster.name', { kind: 0 }, undefined, 'prod')).toBeUndefined()
  })
})

describe('json and event fields', () => {
  it('follows JSON pointers with ~0/~1 escapes and array indexes', () => {
    expect(extract('jevt.value', EVENT, '/annotations/authorization.k8s.io~1decision')).toBe('allow')
    expect(extract('json.value', EVENT, '/requestObject/spec/containers/1/name')).toBe('side')
    expect(extract('jevt.value', EVENT, '/responseStatus')).toBe('{"code":201}')
    expect(extract('jevt.value', EVENT, '/a~1~0b')).toBeUndefined()
  })

  it('derives times from the stage timestamp with nanosecond precision', () => {
    expect(extract('jevt.rawtime', EVENT)).toBe('1540475929730588000')
    expect(extract('jevt.time', EVENT)).toBe('13:58:49.730588000')
    expect(extract('evt.time.iso8601', EVENT)).toBe('2018-10-25T13:58:49.730588000Z')
    expect(extract('jevt.obj', { a: 1 })).toBe('{\n  "a": 1\n}')
  })

  it('documents every field with a description', () => {
    for (const f of FALCO_FIELDS.values()) expect(f.description, f.name).not.toBe('')
  })
})
