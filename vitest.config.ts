import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'ui/src/**/*.test.{ts,tsx}'],
    // a *.case.test.ts is a shared suite that backends call, not a test file of its own
    exclude: ['**/node_modules/**', '**/*.case.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB and child CLIs are heavy on a 2-core machine: forks isolate native state.
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
})
