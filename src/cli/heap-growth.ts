import { setFlagsFromString } from 'node:v8'

// After each full collection V8 lets its old generation grow to several times what survived
// before it collects again. A bulk ingest promotes every batch in flight (each lives across
// DuckDB's awaits) and drops it a moment later, so that headroom fills with garbage: 2M events
// peaked at 434 MB of RSS. Growing by at most 30 % between collections peaked at 353 MB, in the
// same time (BENCHMARKS.md, run H). The factor is read at each collection, so it applies at once.
const HEAP_GROWING_PERCENT = 30

/**
 * Collect the old generation sooner while a command streams far more data than it keeps; the
 * returned function restores V8's own growth (the setting is process-wide).
 * @example const restore = limitHeapGrowth(); try { await ingest() } finally { restore() }
 */
export function limitHeapGrowth(): () => void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  // 0 is V8's default: its own factor, from the collector's and the program's speeds.
  return () => setFlagsFromString('--heap-growing-percent=0')
}
