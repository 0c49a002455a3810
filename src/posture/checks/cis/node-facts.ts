import type { KubeObject } from '../../types.js'

/** One file on a node as `stat` sees it: octal mode without leading zeros (`600`) and `user:group`. */
export interface NodeFile {
  path: string
  mode: string
  owner: string
}

/** One process: its binary's base name, its argv and environment. */
export interface NodeProcess {
  binary: string
  args: string[]
  env: Record<string, string>
}

/**
 * What `kubesiem posture --node` gathers on a node, carried as an object so posture stays pure:
 * the files the CIS definitions name, the Kubernetes processes, and the config files they point to.
 */
export interface NodeFacts extends KubeObject {
  apiVersion: 'kubesiem.io/v1'
  kind: 'NodeFacts'
  metadata: { name: string }
  files: NodeFile[]
  processes: NodeProcess[]
  /** Config file contents by absolute path (the kubelet's --config, kube-proxy's --config). */
  configs: Record<string, string>
}

/**
 * Narrow an object to NodeFacts.
 * @example
 * if (isNodeFacts(object)) object.processes.filter((p) => p.binary === 'kubelet')
 */
export function isNodeFacts(object: KubeObject): object is NodeFacts {
  return object.kind === 'NodeFacts' && object.apiVersion === 'kubesiem.io/v1' && Array.isArray(object.files) && Array.isArray(object.processes)
}

/**
 * Whether a path matches a pattern: `*` is one path segment part, `**` any depth (including none,
 * so `/etc/kubernetes/pki/**` covers the folder itself, as `find` does).
 * @example
 * matchPath('/etc/kubernetes/pki/**\/*.key', '/etc/kubernetes/pki/etcd/ca.key') // true
 */
export function matchPath(pattern: string, path: string): boolean {
  const source = pattern
    .split('/')
    .map((segment) => (segment === '**' ? '\u0000' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/')
    .replace(/\/\u0000\//g, '(?:/.*)?/')
    .replace(/\/\u0000$/, '(?:/.*)?')
  return new RegExp(`^${source}$`).test(path)
}

/**
 * The value of `--name` in an argv (`--name=v` or `--name v`).
 * @example
 * argValue(['kubelet', '--config=/var/lib/kubelet/config.yaml'], '--config') // '/var/lib/kubelet/config.yaml'
 */
export function argValue(args: string[], name: string): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1)
    if (arg === name && i + 1 < args.length && !args[i + 1].startsWith('-')) return args[i + 1]
  }
  return undefined
}
