import type { FieldDef, FieldArg } from './field-def.js'
import { jsonString, valueAt, valuesAt, type FieldValue } from './json-values.js'
import { CONTAINER_FIELDS } from './ka-container-fields.js'

type Ev = Record<string, unknown>

/** Events without an auditID are not audit events: every ka.* field is then unavailable. */
function audit(fn: (ev: Ev, arg: FieldArg) => FieldValue): FieldDef['extract'] {
  return (ev, arg) => (ev.auditID === undefined ? undefined : fn(ev, arg))
}

function scalar(name: string, path: string[], description: string): FieldDef {
  return {
    name, list: false, arg: 'none', description,
    extract: audit((ev) => {
      const v = valueAt(ev, path)
      return v === undefined ? undefined : jsonString(v)
    }),
  }
}

/** A list field read from one JSON array (plugin `extractFromKeys` with a list request). */
function array(name: string, path: string[], description: string, arg: 'none' | 'index' = 'none'): FieldDef {
  return {
    name, list: true, arg, description,
    extract: audit((ev, a) => {
      const v = valueAt(ev, path)
      if (!Array.isArray(v)) return undefined
      const items = a.index === undefined ? v : v.slice(a.index, a.index + 1)
      return items.map(jsonString)
    }),
  }
}

/** Rule sub-lists such as verbs are flattened across all rules (plugin `extractRulesField`). */
function roleRules(name: string, key: string): FieldDef {
  return {
    name, list: true, arg: 'index', description: `The ${key} of the role's rules`,
    extract: audit((ev, a) => {
      const arr = valuesAt(ev, a.index, ['requestObject', 'rules', key])
      if (!arr) return undefined
      return arr.flatMap((v) => (Array.isArray(v) ? v.filter((x) => x !== undefined).map(jsonString) : []))
    }),
  }
}

function subjects(name: string, kind: string, render: (s: Record<string, unknown>) => string): FieldDef {
  return {
    name, list: true, arg: 'none', description: `Subject ${kind} names linked by the binding`,
    extract: audit((ev) => {
      const subs = valueAt(ev, ['requestObject', 'subjects'])
      if (!Array.isArray(subs)) return undefined
      return subs
        .filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object' && s.kind === kind)
        .map(render)
    }),
  }
}

const annotation = (name: string, key: string, description: string): FieldDef =>
  scalar(name, ['annotations', key], description)

function volumesHostpathMatch(ev: Ev, arg: FieldArg): FieldValue {
  const key = arg.key ?? ''
  const paths = (valuesAt(ev, undefined, ['requestObject', 'spec', 'volumes', 'hostPath', 'path']) ?? [])
    .filter((p) => p !== undefined)
    .map(jsonString)
  if (paths.length === 0 && valueAt(ev, ['requestObject', 'spec', 'volumes']) === undefined) return undefined
  // The plugin treats a trailing `*` as a prefix search, anything else as equality.
  const prefix = key.endsWith('*') ? key.slice(0, -1) : undefined
  return paths.some((p) => (prefix !== undefined && p.startsWith(prefix)) || p === key) ? 'true' : 'false'
}

function volumeTypes(ev: Ev, arg: FieldArg): FieldValue {
  const vols = valuesAt(ev, arg.index, ['requestObject', 'spec', 'volumes', ''])
  if (!vols) return undefined
  return vols.flatMap((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).filter((k) => k !== 'name') : []))
}

function uriParam(ev: Ev, arg: FieldArg): FieldValue {
  if (typeof ev.requestURI !== 'string') return undefined
  try {
    return new URL(ev.requestURI, 'http://x').searchParams.get(arg.key ?? '') ?? undefined
  } catch {
    return undefined
  }
}

/**
 * The k8saudit plugin's ka.* fields (README.k8saudit-plugin.md), with the plugin's extraction rules.
 * @example
 * KA_FIELDS.find((f) => f.name === 'ka.verb')?.extract(event, {}, {}) // 'create'
 */
export const KA_FIELDS: FieldDef[] = [
  scalar('ka.auditid', ['auditID'], 'The unique id of the audit event'),
  scalar('ka.stage', ['stage'], 'Stage of the request'),
  annotation('ka.auth.decision', 'authorization.k8s.io/decision', 'The authorization decision'),
  annotation('ka.auth.reason', 'authorization.k8s.io/reason', 'The authorization reason'),
  annotation('ka.auth.openshift.decision', 'authentication.openshift.io/decision', 'OpenShift authentication decision'),
  annotation('ka.auth.openshift.username', 'authentication.openshift.io/username', 'OpenShift authenticated user name'),
  annotation('ka.validations.admission.policy.failure', 'validation.policy.admission.k8s.io/validation_failure', 'Validating admission policy failure'),
  annotation('ka.security.pod.violations', 'pod-security.kubernetes.io/audit-violations', 'Pod security violations'),
  scalar('ka.user.name', ['user', 'username'], 'The user name performing the request'),
  array('ka.user.groups', ['user', 'groups'], 'The groups to which the user belongs'),
  scalar('ka.impuser.name', ['impersonatedUser', 'username'], 'The impersonated user name'),
  scalar('ka.verb', ['verb'], 'The action being performed'),
  scalar('ka.uri', ['requestURI'], 'The request URI'),
  { name: 'ka.uri.param', list: false, arg: 'key', description: 'A query parameter of the URI', extract: audit(uriParam) },
  scalar('ka.target.name', ['objectRef', 'name'], 'The target object name'),
  scalar('ka.target.namespace', ['objectRef', 'namespace'], 'The target object namespace'),
  scalar('ka.target.resource', ['objectRef', 'resource'], 'The target object resource'),
  scalar('ka.target.subresource', ['objectRef', 'subresource'], 'The target object subresource'),
  {
    name: 'ka.target.pod.name', list: false, arg: 'none', description: 'The target pod name',
    extract: audit((ev) => (valueAt(ev, ['objectRef', 'resource']) === 'pods' ? (valueAt(ev, ['objectRef', 'name']) as string | undefined) : undefined)),
  },
  array('ka.req.binding.subjects', ['requestObject', 'subjects'], 'The subjects linked by the binding'),
  subjects('ka.req.binding.subjects.user_names', 'User', (s) => jsonString(s.name)),
  subjects('ka.req.binding.subjects.serviceaccount_names', 'ServiceAccount', (s) => jsonString(s.name)),
  subjects('ka.req.binding.subjects.serviceaccount_ns_names', 'ServiceAccount', (s) => `${jsonString(s.namespace ?? '')}:${jsonString(s.name)}`),
  subjects('ka.req.binding.subjects.group_names', 'Group', (s) => jsonString(s.name)),
  scalar('ka.req.binding.role', ['requestObject', 'roleRef', 'name'], 'The role linked by the binding'),
  // Documented as "N/A", but the plugin (like the original implementation) returns true.
  { name: 'ka.req.binding.subject.has_name', list: false, arg: 'key', description: 'Deprecated', extract: audit(() => 'true') },
  scalar('ka.req.configmap.name', ['objectRef', 'name'], 'The configmap name'),
  scalar('ka.req.configmap.obj', ['requestObject', 'data'], 'The entire configmap data'),
  ...CONTAINER_FIELDS.map((f) => ({ ...f, extract: audit((ev, a) => f.extract(ev, a, {})) })),
  scalar('ka.req.pod.host_ipc', ['requestObject', 'spec', 'hostIPC'], 'The hostIPC flag'),
  scalar('ka.req.pod.host_network', ['requestObject', 'spec', 'hostNetwork'], 'The hostNetwork flag'),
  scalar('ka.req.container.host_network', ['requestObject', 'spec', 'hostNetwork'], 'Deprecated alias of ka.req.pod.host_network'),
  scalar('ka.req.pod.host_pid', ['requestObject', 'spec', 'hostPID'], 'The hostPID flag'),
  scalar('ka.req.pod.run_as_user', ['requestObject', 'spec', 'securityContext', 'runAsUser'], 'Pod runAsUser'),
  scalar('ka.req.pod.run_as_group', ['requestObject', 'spec', 'securityContext', 'runAsGroup'], 'Pod runAsGroup'),
  scalar('ka.req.pod.fs_group', ['requestObject', 'spec', 'securityContext', 'fsGroup'], 'Pod fsGroup'),
  array('ka.req.pod.supplemental_groups', ['requestObject', 'spec', 'securityContext', 'supplementalGroups'], 'Pod supplementalGroups'),
  array('ka.req.role.rules', ['requestObject', 'rules'], 'The rules of the role'),
  roleRules('ka.req.role.rules.apiGroups', 'apiGroups'),
  roleRules('ka.req.role.rules.nonResourceURLs', 'nonResourceURLs'),
  roleRules('ka.req.role.rules.verbs', 'verbs'),
  roleRules('ka.req.role.rules.resources', 'resources'),
  scalar('ka.req.service.type', ['requestObject', 'spec', 'type'], 'The service type'),
  array('ka.req.service.ports', ['requestObject', 'spec', 'ports'], "The service's ports", 'index'),
  {
    name: 'ka.req.pod.volumes.hostpath', list: true, arg: 'index', description: 'All hostPath paths',
    extract: audit((ev, a) => valuesAt(ev, a.index, ['requestObject', 'spec', 'volumes', 'hostPath', 'path'])?.filter((v) => v !== undefined).map(jsonString)),
  },
  { name: 'ka.req.volume.hostpath', list: false, arg: 'key', description: 'Deprecated: whether a hostPath (prefix with *) is used', extract: audit(volumesHostpathMatch) },
  {
    name: 'ka.req.pod.volumes.flexvolume_driver', list: true, arg: 'index', description: 'All flexVolume drivers',
    extract: audit((ev, a) => valuesAt(ev, a.index, ['requestObject', 'spec', 'volumes', 'flexVolume', 'driver'])?.filter((v) => v !== undefined).map(jsonString)),
  },
  { name: 'ka.req.pod.volumes.volume_type', list: true, arg: 'index', description: 'All volume types', extract: audit(volumeTypes) },
  scalar('ka.resp.name', ['responseObject', 'metadata', 'name'], 'The response object name'),
  scalar('ka.response.code', ['responseStatus', 'code'], 'The response code'),
  scalar('ka.response.reason', ['responseStatus', 'reason'], 'The response reason'),
  scalar('ka.useragent', ['userAgent'], 'The client user agent'),
  array('ka.sourceips', ['sourceIPs'], 'The client IP addresses', 'index'),
  {
    name: 'ka.cluster.name', list: false, arg: 'none', description: 'The name of the k8s cluster (from load options)',
    extract: (ev, _a, ctx) => (ev.auditID === undefined ? undefined : ctx.clusterName),
  },
]
