import { existsSync } from 'node:fs'

/** The detection worker's module as compiled. */
export const DETECT_WORKER_MODULE = new URL('./detect-worker.js', import.meta.url)

/** The same module bundled into one file by the build (src/tools/bundle-workers.ts). */
export const DETECT_WORKER_BUNDLE = new URL('./detect-worker.bundle.js', import.meta.url)

/**
 * What a detection thread runs: the bundle when the build made one, which a thread loads in a
 * third of the time; the compiled module otherwise (a checkout where only tsc ran).
 * @example new Worker(detectWorkerUrl(), { workerData })
 */
export function detectWorkerUrl(): URL {
  return existsSync(DETECT_WORKER_BUNDLE) ? DETECT_WORKER_BUNDLE : DETECT_WORKER_MODULE
}
