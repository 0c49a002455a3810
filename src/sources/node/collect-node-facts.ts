import { readdir, readFile, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { argValue, matchPath, type NodeFacts, type NodeFile, type NodeProcess } from '../../posture/checks/cis/node-facts.js'

/**
 * The processes whose command lines CIS checks read, by binary name.
 * @example
 * NODE_BINARIES.includes('kubelet') // true
 */
export const NODE_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy']

/** Where to look: `root` stands for `/` (a test folder, or /host when run in a pod with the host mounted). */
export interface NodeFactsOptions {
  root?: string
  /** Path patterns to stat (`*` and `**`), e.g. every `files` entry of the CIS definitions. */
  patterns: string[]
  name?: string
}

/**
 * Gather a node's facts for posture: stat every file the patterns match (mode and owner names from
 * the node's /etc/passwd and /etc/group), the Kubernetes processes from /proc, and the config files
 * their --config flags name. Unreadable entries are skipped: a missing file is not a finding.
 * @example
 * const facts = await collectNodeFacts({ patterns: benchmark.checks.flatMap((c) => c.files) })
 */
export async function collectNodeFacts(options: NodeFactsOptions): Promise<NodeFacts> {
  const root = options.root ?? '/'
  const names = { users: await idNames(join(root, 'etc/passwd')), groups: await idNames(join(root, 'etc/group')) }
  const files = new Map<string, NodeFile>()
  for (const pattern of options.patterns) {
    for (const path of await expand(root, pattern)) {
      const info = await stat(join(root, path)).catch(() => undefined)
      if (!info) continue
      // stat -c %U:%G prints UNKNOWN for ids without a name.
      const owner = `${names.users.get(info.uid) ?? 'UNKNOWN'}:${names.groups.get(info.gid) ?? 'UNKNOWN'}`
      files.set(path, { path, mode: (info.mode & 0o7777).toString(8), owner })
    }
  }
  const processes = await readProcesses(root)
  const configs: Record<string, string> = {}
  for (const p of processes) {
    const config = argValue(p.args, '--config') ?? (p.binary === 'kubelet' ? '/var/lib/kubelet/config.yaml' : undefined)
    if (config && !(config in configs)) {
      const text = await readFile(join(root, config), 'utf8').catch(() => undefined)
      if (text !== undefined) configs[config] = text
    }
  }
  return { apiVersion: 'kubesiem.io/v1', kind: 'NodeFacts', metadata: { name: options.name ?? hostname() }, files: [...files.values()].sort((a, b) => a.path.localeCompare(b.path)), processes, configs }
}

async function idNames(file: string): Promise<Map<number, string>> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const map = new Map<number, string>()
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':')
    if (name && id !== undefined && /^\d+$/.test(id)) map.set(Number(id), name)
  }
  return map
}

// Expand a pattern by walking only the folders it can reach; `**` walks everything below.
async function expand(root: string, pattern: string): Promise<string[]> {
  const star = pattern.search(/\*/)
  if (star < 0) return [pattern]
  const base = pattern.slice(0, pattern.lastIndexOf('/', star)) || '/'
  const found: string[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (matchPath(pattern, dir)) found.push(dir)
    if (depth > 8) return
    const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = `${dir.replace(/\/$/, '')}/${entry.name}`
      if (entry.isDirectory()) await walk(path, depth + 1)
      else if (matchPath(pattern, path)) found.push(path)
    }
  }
  await walk(base, 0)
  return found
}

async function readProcesses(root: string): Promise<NodeProcess[]> {
  const pids = (await readdir(join(root, 'proc')).catch(() => [] as string[])).filter((p) => /^\d+$/.test(p))
  const processes: NodeProcess[] = []
  for (const pid of pids.sort((a, b) => Number(a) - Number(b))) {
    const cmdline = await readFile(join(root, 'proc', pid, 'cmdline'), 'utf8').catch(() => '')
    const args = cmdline.split('\0').filter(Boolean)
    const binary = args[0]?.split('/').pop() ?? ''
    if (!NODE_BINARIES.includes(binary)) continue
    // environ is readable only by the process owner or root; without it, env-based etcd settings read as unset.
    const environ = await readFile(join(root, 'proc', pid, 'environ'), 'utf8').catch(() => '')
    const env = Object.fromEntries(environ.split('\0').filter((e) => e.includes('=')).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
    processes.push({ binary, args, env })
  }
  return processes
}
