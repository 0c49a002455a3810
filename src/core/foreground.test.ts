import { describe, expect, test } from 'vitest'
import { ForegroundGate } from './foreground.js'

describe('ForegroundGate', () => {
  test('background work goes at once when nothing is in flight, and waits for the last post to end', async () => {
    const gate = new ForegroundGate()
    let passed = false
    await gate.idle(1000)
    gate.begin()
    gate.begin()
    const waiting = gate.idle(1000).then(() => (passed = true))
    gate.end()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(passed).toBe(false)
    gate.end()
    await waiting
    expect(passed).toBe(true)
  })

  test('a post that never ends holds background work back for at most the bound, then the allowance runs out', async () => {
    const gate = new ForegroundGate()
    gate.begin()
    const start = performance.now()
    await gate.idle(30)
    expect(performance.now() - start).toBeGreaterThanOrEqual(25)
    // The allowance (50 ms, refilled at a quarter of the time passed) is spent within a few holds.
    let held = 0
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      await gate.idle(30)
      held += performance.now() - t
    }
    expect(held).toBeLessThan(70)
  })

  test('more ends than begins (an aborted post also answered) never make the count negative', async () => {
    const gate = new ForegroundGate()
    gate.begin()
    gate.end()
    gate.end()
    gate.begin()
    let passed = false
    void gate.idle(1000).then(() => (passed = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(passed).toBe(false)
    gate.end()
  })
})
