import { isRecord } from '../../types.js'
import type { BenchCheck } from './engine/types.js'

/** kube-bench binary variables and the control-plane component they stand for. */
export const COMPONENT_BY_VARIABLE: Record<string, string> = {
  apiserverbin: 'kube-apiserver',
  controllermanagerbin: 'kube-controller-manager',
  schedulerbin: 'kube-scheduler',
  etcdbin: 'etcd',
}

// `/bin/ps -ef | grep $apiserverbin | grep -v grep`: the audit is just the component's command line.
const PS_AUDIT = /^\s*(?:\/bin\/)?ps -ef \| (?:\/bin\/)?grep \$(\w+) \| (?:\/bin\/)?grep -v grep\s*$/

/**
 * The component whose command line a check audits, when that audit is a plain `ps | grep`; such a
 * check can be answered from the component's static Pod manifest. Undefined for file-permission,
 * kubectl and other audits that need the node itself.
 * @example
 * componentAudited(check) // 'kube-apiserver' for CIS 1.2.x
 */
export function componentAudited(check: BenchCheck): string | undefined {
  const variable = PS_AUDIT.exec(check.audit)?.[1]
  return variable ? COMPONENT_BY_VARIABLE[variable] : undefined
}

/** A control-plane container found in a pod spec, with what `ps` and its environment would show. */
export interface ComponentContainer {
  index: number
  path: string
  commandLine: string
  env: string
}

/**
 * The container of a pod spec that runs the component: its command (or, without one, its args) starts
 * with the binary, as in kubeadm static Pods (`command: [kube-apiserver, --flag=…]`).
 * @example
 * componentContainer(spec, 'etcd')?.commandLine // 'etcd --cert-file=/etc/kubernetes/pki/etcd/server.crt …'
 */
export function componentContainer(spec: Record<string, unknown>, component: string): ComponentContainer | undefined {
  const containers = Array.isArray(spec.containers) ? spec.containers : []
  for (const [index, container] of containers.entries()) {
    if (!isRecord(container)) continue
    const words = [...strings(container.command), ...strings(container.args)]
    if (words.length === 0 || words[0].split('/').pop() !== component) continue
    const env = (Array.isArray(container.env) ? container.env : [])
      .filter(isRecord)
      .filter((e) => typeof e.value === 'string')
      .map((e) => `${String(e.name)}=${String(e.value)}`)
      .join('\n')
    return { index, path: `/spec/containers/${index}`, commandLine: words.join(' '), env }
  }
  return undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}
