import { describe, expect, it } from 'vitest'
import { generateClusterDump } from './posture-bench.js'

describe('generateClusterDump', () => {
  it('makes exactly the objects and bindings asked for, deterministically', () => {
    const dump = generateClusterDump(3_000, 200)
    expect(dump.items).toHaveLength(3_000)
    expect(dump.items.filter((o) => /Binding$/.test(o.kind ?? ''))).toHaveLength(200)
    expect(JSON.stringify(generateClusterDump(3_000, 200))).toBe(JSON.stringify(dump))
  })
})
