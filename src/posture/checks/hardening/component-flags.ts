import { isRecord } from '../../types.js'

/** A control-plane container's flags, parsed from command and args (`--a=b`, `--a b`, bare `--a`). */
export interface ComponentFlags {
  component: string
  index: number
  flags: Map<string, string>
}

const CONTROL_PLANE = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy']

/**
 * The control-plane components a pod spec runs (recognized by the binary its command starts with),
 * with their flags.
 * @example
 * componentFlags(spec).find((c) => c.component === 'kube-apiserver')?.flags.get('--audit-log-path')
 */
export function componentFlags(spec: Record<string, unknown>): ComponentFlags[] {
  const out: ComponentFlags[] = []
  for (const [index, container] of (Array.isArray(spec.containers) ? spec.containers : []).entries()) {
    if (!isRecord(container)) continue
    const words = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])].map(String)
    const component = words[0]?.split('/').pop() ?? ''
    if (!CONTROL_PLANE.includes(component)) continue
    const flags = new Map<string, string>()
    for (let i = 1; i < words.length; i++) {
      const word = words[i]
      if (!word.startsWith('--')) continue
      const eq = word.indexOf('=')
      if (eq > 0) flags.set(word.slice(0, eq), word.slice(eq + 1))
      else if (i + 1 < words.length && !words[i + 1].startsWith('-')) flags.set(word, words[++i])
      else flags.set(word, 'true')
    }
    out.push({ component, index, flags })
  }
  return out
}
