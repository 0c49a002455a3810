import { setFlagsFromString } from 'node:v8'

// After each full collection V8 lets its old generation grow to several times what survived
// before it collects again. A bulk ingest promotes every batch in flight (each lives across
// DuckDB's awaits) and drops it a moment later, so that headroom fills with garbage: 2M events
// peaked at 434 MB of RSS. Growing by at most 30 % between collections peaked at 353 MB, in the
// same time (BENCHMARKS.md, run H). The factor is read at each collection, so it applies at once.
const HEAP_GROWING_PERCENT = 30

/**
 * Collect the old generation sooner: for a command that streams far more data than it keeps.
 * Process-wide, so only commands that are the process's whole job call it.
 * @example limitHeapGrowth() // before a bulk ingest
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
