import { isIP } from 'node:net'

type Obj = Record<string, any>

function hostPort(host: string, port?: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host
  return port === undefined ? h : `${h}:${port}`
}

function flatten(value: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(value)) for (const v of value) flatten(v, out)
  else if (value && typeof value === 'object') {
    const o = value as Obj
    if (Array.isArray(o.items)) flatten(o.items, out)
    else out.push(o)
  }
  return out
}

/**
 * Targets from Kubernetes objects: each Node's addresses (scanned on the port list), each Service's
 * cluster IP and ports, its NodePorts on every node and its load-balancer addresses, and the
 * address x port pairs of Endpoints and EndpointSlices. Deduplicated.
 * @example targetsFromObjects([{ kind: 'Node', status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] } }]) // ['10.0.0.5']
 */
export function targetsFromObjects(input: unknown): string[] {
  const objects = flatten(input)
  const out = new Set<string>()
  const nodeAddresses: string[] = []
  for (const node of objects.filter((o) => o.kind === 'Node')) {
    for (const a of node.status?.addresses ?? []) if ((a.type === 'InternalIP' || a.type === 'ExternalIP') && isIP(a.address)) nodeAddresses.push(a.address)
  }
  nodeAddresses.forEach((a) => out.add(hostPort(a)))
  for (const o of objects) {
    if (o.kind === 'Service') {
      const ports = (o.spec?.ports ?? []) as Obj[]
      const ips = [o.spec?.clusterIP, ...(o.spec?.externalIPs ?? []), ...((o.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip)].filter((ip) => typeof ip === 'string' && isIP(ip))
      for (const ip of ips) for (const p of ports) if (p.port) out.add(hostPort(ip, p.port))
      // A NodePort opens on every node: this is how cluster APIs end up on the NodePort range.
      for (const p of ports) if (p.nodePort) for (const n of nodeAddresses) out.add(hostPort(n, p.nodePort))
    } else if (o.kind === 'Endpoints') {
      for (const s of (o.subsets ?? []) as Obj[]) for (const a of s.addresses ?? []) for (const p of s.ports ?? []) if (isIP(a.ip)) out.add(hostPort(a.ip, p.port))
    } else if (o.kind === 'EndpointSlice') {
      for (const e of (o.endpoints ?? []) as Obj[]) for (const a of e.addresses ?? []) for (const p of o.ports ?? []) if (isIP(a) && p.port) out.add(hostPort(a, p.port))
    }
  }
  return [...out]
}
