import { describe, expect, it } from 'vitest'
import { rememberPayloadText } from '../../core/index.js'
import { sampleEvent } from '../store.case.test.js'
import { keepRows, toEventRows } from './event-rows.js'

describe('toEventRows', () => {
  it('keeps the first copy of each (id, stage), in time order, and counts what it was given', () => {
    const late = sampleEvent({ id: 'b', time: '2026-03-01T10:00:02.000Z', verb: 'first' })
    const early = sampleEvent({ id: 'a', time: '2026-03-01T10:00:01.000Z' })
    const rows = toEventRows([late, early, { ...late, verb: 'second' }])
    expect(rows.received).toBe(3)
    expect(rows.keys).toEqual([
      { key: 'a/ResponseComplete', timeMs: Date.parse(early.time) },
      { key: 'b/ResponseComplete', timeMs: Date.parse(late.time) },
    ])
    const [a, b] = rows.text.split('\x1e').map((row) => row.split('\x1f'))
    expect(JSON.parse(a![0]!)).toMatchObject({ id: 'a' })
    expect(JSON.parse(b![0]!)).toMatchObject({ id: 'b', verb: 'first' })
    expect(JSON.parse(b![0]!)).not.toHaveProperty('payload')
    expect(JSON.parse(b![1]!)).toEqual(late.payload)
  })

  it('frames control characters only between fields: inside texts they stay escaped', () => {
    const odd = 'x\x1ey\x1fz'
    const rows = toEventRows([sampleEvent({ id: odd, userAgent: odd, payload: { note: odd } })])
    const fields = rows.text.split('\x1e')
    expect(fields).toHaveLength(1)
    expect(fields[0]!.split('\x1f')).toHaveLength(2)
    expect(JSON.parse(fields[0]!.split('\x1f')[0]!)).toMatchObject({ id: odd, userAgent: odd })
  })

  it('uses the text a payload was parsed from, verbatim', () => {
    const line = '{"kind":"Event",  "auditID":"v1", "note":"\\u00fc"}'
    const payload = JSON.parse(line) as Record<string, unknown>
    rememberPayloadText(payload, line)
    expect(toEventRows([sampleEvent({ id: 'v1', payload })]).text.split('\x1f')[1]).toBe(line)
  })

  it('keepRows keeps the rows asked for, with their keys', () => {
    const rows = toEventRows(['a', 'b', 'c'].map((id) => sampleEvent({ id })))
    const kept = keepRows(rows, (i) => i !== 1)
    expect(kept.keys.map((k) => k.key)).toEqual(['a/ResponseComplete', 'c/ResponseComplete'])
    expect(kept.text.split('\x1e').map((row) => (JSON.parse(row.split('\x1f')[0]!) as { id: string }).id)).toEqual(['a', 'c'])
    expect(kept.received).toBe(3)
    expect(keepRows(rows, () => false)).toEqual({ received: 3, keys: [], text: '' })
  })
})
