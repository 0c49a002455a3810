import { describe, expect, it } from 'vitest'
import { rememberPayloadText } from '../../core/index.js'
import { sampleEvent } from '../store.case.test.js'
import { joinEventRows, keepRows, toEventRows } from './event-rows.js'

const columnsOf = (text: string): string[] => text.split('\x1f')[0]!.split('\x1d')

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
    expect(rows.json).toEqual([false, false])
    expect(columnsOf(rows.texts[0]!)[0]).toBe('a')
    expect(columnsOf(rows.texts[1]!).slice(0, 6)).toEqual(['b', 'ResponseComplete', late.time, 'k8s-audit', 'test', 'first'])
    expect(JSON.parse(rows.texts[1]!.split('\x1f')[1]!)).toEqual(late.payload)
  })

  it('lays out lists, missing values and numbers in their columns', () => {
    const event = sampleEvent({ id: 'l', user: { name: 'u', groups: ['g1', 'g2'] }, sourceIPs: [], objectRef: { resource: 'pods' }, responseCode: 403 })
    const columns = columnsOf(toEventRows([event]).texts[0]!)
    expect(columns).toHaveLength(22)
    expect(columns.slice(6, 12)).toEqual(['u', 'g1\x1cg2', '\x1b', '\x1b', '', 'kubectl/v1.31.0'])
    expect(columns.slice(12, 19)).toEqual(['\x1b', '\x1b', 'pods', '\x1b', '\x1b', '\x1b', '403'])
  })

  it('sends as JSON the rows whose envelope the flat layout cannot hold', () => {
    const odd = 'x\x1ey\x1fz'
    const rows = toEventRows([
      sampleEvent({ id: 'a', time: '2026-03-01T10:00:01.000Z', userAgent: odd, payload: { note: odd } }),
      sampleEvent({ id: 'b', time: '2026-03-01T10:00:02.000Z', user: { name: 'u', groups: [''] } }),
      sampleEvent({ id: 'c', time: '2026-03-01T10:00:03.000Z' }),
    ])
    expect(rows.json).toEqual([true, true, false])
    const { flat, json } = joinEventRows(rows)
    expect(columnsOf(flat)[0]).toBe('c')
    const jsonRows = json.split('\x1e')
    expect(jsonRows).toHaveLength(2)
    expect(jsonRows[0]!.split('\x1f')).toHaveLength(2)
    expect(JSON.parse(jsonRows[0]!.split('\x1f')[0]!)).toMatchObject({ id: 'a', userAgent: odd })
    expect(JSON.parse(jsonRows[0]!.split('\x1f')[0]!)).not.toHaveProperty('payload')
    expect(JSON.parse(jsonRows[1]!.split('\x1f')[0]!)).toMatchObject({ id: 'b', user: { groups: [''] } })
  })

  it('uses the text a payload was parsed from, verbatim', () => {
    const line = '{"kind":"Event",  "auditID":"v1", "note":"\\u00fc"}'
    const payload = JSON.parse(line) as Record<string, unknown>
    rememberPayloadText(payload, line)
    expect(toEventRows([sampleEvent({ id: 'v1', payload })]).texts[0]!.split('\x1f')[1]).toBe(line)
  })

  it('keepRows keeps the rows asked for, with their keys and layouts', () => {
    const rows = toEventRows(['a', 'b', 'c'].map((id) => sampleEvent({ id, userAgent: id === 'c' ? '\x1b' : 'k' })))
    const kept = keepRows(rows, (i) => i !== 1)
    expect(kept.keys.map((k) => k.key)).toEqual(['a/ResponseComplete', 'c/ResponseComplete'])
    expect(kept.json).toEqual([false, true])
    expect(kept.received).toBe(3)
    expect(joinEventRows(keepRows(rows, () => false))).toEqual({ flat: '', json: '' })
  })
})
