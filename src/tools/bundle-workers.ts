import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { DETECT_WORKER_BUNDLE, DETECT_WORKER_MODULE } from '../alerting/offline/worker-entry.js'

// Run by `npm run build`, after tsc: the detection thread's entry as one file of our compiled code.
// A thread that loads its 99 modules one by one spends ~100 ms before its first event; from one
// file, ~30 ms. Packages stay external: they load as installed (native ones cannot be bundled).
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }
const external = [/^node:/, ...Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`))]

await build({
  input: fileURLToPath(DETECT_WORKER_MODULE),
  external,
  platform: 'node',
  logLevel: 'warn',
  output: { file: fileURLToPath(DETECT_WORKER_BUNDLE), format: 'esm' },
})
console.log(`bundled ${fileURLToPath(DETECT_WORKER_BUNDLE)}`)
