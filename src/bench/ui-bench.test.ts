import { expect, test } from 'vitest'
import { uiBench } from './ui-bench.js'

test('the UI bench loads generated events and times the overview and a search', async () => {
  const result = await uiBench(20_000, { runs: 4 })
  expect(result.events).toBe(20_000)
  expect(result.overviewMs.p95).toBeGreaterThan(0)
  expect(result.searchMs.p95).toBeGreaterThanOrEqual(0)
})
