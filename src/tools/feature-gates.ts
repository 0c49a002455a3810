import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { FEATURE_FILES, renderSnapshot, toSnapshot } from '../content/feature-gates/snapshot.js'
import { parseK8sFeatureGates } from '../content/load-feature-gates.js'
import { compareMinor } from '../posture/checks/hardening/feature-gate-stages.js'

// Rebuild content/k8s-feature-gates.json from a kubernetes/kubernetes checkout:
//   node dist/tools/feature-gates.js <checkout> [--commit SHA] [--repo owner/name] [--since 1.38] [--date YYYY-MM-DD] [--out FILE]
const USAGE = 'usage: node dist/tools/feature-gates.js <kubernetes-checkout> [--commit SHA] [--repo kubernetes/kubernetes] [--since MINOR] [--date YYYY-MM-DD] [--out content/k8s-feature-gates.json]'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { commit: { type: 'string' }, repo: { type: 'string', default: 'kubernetes/kubernetes' }, since: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' } },
})
const checkout = positionals[0]
if (!checkout) {
  console.error(USAGE)
  process.exit(2)
}

const git = (...args: string[]): string | undefined => {
  try {
    return execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // not a git checkout (an exported tarball): the caller passes --commit and --since instead
    return undefined
  }
}

const files = FEATURE_FILES.filter((path) => existsSync(join(checkout, path))).map((path) => ({ path, text: readFileSync(join(checkout, path), 'utf8') }))
const commit = values.commit ?? git('rev-parse', 'HEAD')
if (files.length === 0 || !commit) {
  console.error(files.length === 0 ? `no feature files under ${checkout} (looked for ${FEATURE_FILES[0]} and the staging files)` : 'cannot tell the commit: pass --commit SHA')
  process.exit(1)
}
// the checkout's minor (v1.38.0-alpha.1 → 1.38), for unversioned specs without notes
const tagged = /^v(\d+\.\d+)/.exec(git('describe', '--tags', '--abbrev=0') ?? '')?.[1]
const newestVersioned = [...readFileSync(join(checkout, files[0].path), 'utf8').matchAll(/MustParse\("v?(\d+\.\d+)/g)].map((m) => m[1]).sort(compareMinor).at(-1)
const fallbackSince = values.since ?? tagged ?? newestVersioned
if (!fallbackSince) {
  console.error('cannot tell the checkout\'s minor version: pass --since MINOR (e.g. 1.30)')
  process.exit(1)
}

const { snapshot, warnings } = toSnapshot({ files, repo: values.repo, commit, snapshotDate: values.date ?? new Date().toISOString().slice(0, 10), fallbackSince })
parseK8sFeatureGates(snapshot, 'generated snapshot')
const out = resolve(values.out ?? new URL('../../content/k8s-feature-gates.json', import.meta.url).pathname)
writeFileSync(out, renderSnapshot(snapshot))
for (const warning of warnings) console.warn(`warning: ${warning}`)
console.log(`wrote ${out}: ${Object.keys(snapshot.gates).length} gates from ${files.map((f) => f.path).join(', ')} at ${commit}`)
