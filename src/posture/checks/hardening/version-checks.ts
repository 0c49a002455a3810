import { defineCheck, fail, pass, type CheckContext, type K8sReleases } from '../../check.js'
import { parseK8sVersion, versionsOf } from './cluster-version.js'

type Version = [number, number, number]

// Moved to cluster-version.ts, which the feature-gate checks share; re-exported for existing imports.
export { parseK8sVersion } from './cluster-version.js'

function releaseOf(releases: K8sReleases, v: Version) {
  return releases.minors.find((m) => m.minor === `${v[0]}.${v[1]}`)
}

/**
 * Whether a CVE's fix list says a version is affected: patched in its minor at `fixed`, or a minor
 * older than every fixed minor (no fix was backported that far).
 * @example
 * isAffected(['1.28.4', '1.27.8'], [1, 28, 3]) // true
 */
export function isAffected(fixed: string[], v: Version): boolean {
  const fixes = fixed.map(parseK8sVersion).filter((f): f is Version => f !== undefined)
  const same = fixes.find((f) => f[0] === v[0] && f[1] === v[1])
  if (same) return v[2] < same[2]
  return fixes.length > 0 && fixes.every((f) => f[0] > v[0] || (f[0] === v[0] && f[1] > v[1]))
}

function versionCheck(id: string, title: string, severity: 'high' | 'medium', remediation: string, judge: (v: Version, text: string, releases: K8sReleases, ctx: CheckContext) => string | undefined) {
  return defineCheck({
    id,
    title,
    controls: [{ framework: 'kubesiem', control: 'security-updates' }],
    severity,
    target: 'Object',
    remediation,
    evaluate({ object }, ctx) {
      if (!ctx.releases) return pass()
      const releases = ctx.releases
      return versionsOf(object).flatMap(({ role, text, path }) => {
        const v = parseK8sVersion(text)
        const problem = v && judge(v, text, releases, ctx)
        return problem ? fail(`${role} ${text}: ${problem}`, { paths: [path], evidence: { version: text, snapshot: releases.snapshotDate } }) : pass()
      })
    },
  })
}

/**
 * The API server and kubelets run a minor version that still gets security fixes.
 * @example
 * endOfSupport.evaluate(clusterInfo, { ...ctx, releases })[0]?.message // 'API server v1.30.2: 1.30 reached end of support on 2025-06-28'
 */
export const endOfSupport = versionCheck('hardening.version.end-of-support', 'Kubernetes is a supported minor version', 'high', 'Upgrade to a supported minor version (one minor at a time for the control plane).', (v, _text, releases, ctx) => {
  const release = releaseOf(releases, v)
  const oldest = releases.minors[0]
  if (!release) return oldest && (v[0] < 1 || v[1] < Number(oldest.minor.split('.')[1])) ? `${v[0]}.${v[1]} is older than every supported release` : undefined
  return Date.parse(release.endOfSupport) < (ctx.now ?? Date.now()) ? `${release.minor} reached end of support on ${release.endOfSupport}` : undefined
})

/**
 * The API server and kubelets run the latest patch of their minor (the snapshot's).
 * @example
 * patchLevel.evaluate(node, { ...ctx, releases })[0]?.message // 'kubelet on node-1 v1.34.1: 4 patch releases behind 1.34.5'
 */
export const patchLevel = versionCheck('hardening.version.patch-level', 'Kubernetes runs the latest patch release', 'medium', 'Upgrade to the latest patch release of your minor version.', (v, _text, releases) => {
  const latest = releaseOf(releases, v) && parseK8sVersion(releaseOf(releases, v)!.latestPatch)
  return latest && v[2] < latest[2] ? `${latest[2] - v[2]} patch releases behind ${latest.join('.')}` : undefined
})

/**
 * Known CVEs (from the bundled snapshot of the official feed) that the version has not been fixed for.
 * @example
 * knownCves.evaluate(node, { ...ctx, releases })[0]?.message // 'kubelet on node-1 v1.28.3: affected by CVE-2023-5528 (high)'
 */
export const knownCves = versionCheck('hardening.version.cves', 'Kubernetes is patched for known CVEs', 'high', 'Upgrade to a release that fixes the listed CVEs (see each advisory for mitigations meanwhile).', (v, _text, releases) => {
  const hits = releases.cves.filter((c) => isAffected(c.fixed, v))
  return hits.length > 0 ? `affected by ${hits.map((c) => `${c.id} (${c.severity}, ${c.component}: ${c.summary})`).join('; ')}` : undefined
})
