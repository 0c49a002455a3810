import { describe, expect, it } from 'vitest'
import { allStrings, compileFieldPath, toText } from './field-path.js'

function read(path: string, event: unknown): { found: boolean; values: unknown[] } {
  const values: unknown[] = []
  return { found: compileFieldPath(path)(event, values), values }
}

describe('compileFieldPath', () => {
  it('walks nested objects and every array element', () => {
    const ev = { requestObject: { spec: { containers: [{ image: 'a' }, { image: 'b' }, { name: 'no-image' }] } } }
    expect(read('requestObject.spec.containers.image', ev)).toEqual({ found: true, values: ['a', 'b'] })
  })
  it('reads a literal dotted key first', () => {
    expect(read('objectRef.resource', { 'objectRef.resource': 'pods' })).toEqual({ found: true, values: ['pods'] })
    expect(read('a.b.c', { 'a.b': { c: 1 } })).toEqual({ found: true, values: [1] })
  })
  it('flattens array leaves and reports missing fields', () => {
    expect(read('sourceIPs', { sourceIPs: ['1.1.1.1', '2.2.2.2'] }).values).toEqual(['1.1.1.1', '2.2.2.2'])
    expect(read('x.y', { x: 1 })).toEqual({ found: false, values: [] })
    expect(read('x', { x: null })).toEqual({ found: true, values: [null] })
  })
})

describe('toText / allStrings', () => {
  it('turns scalars into text', () => {
    expect(toText(403)).toBe('403')
    expect(toText(true)).toBe('true')
    expect(toText({})).toBeUndefined()
  })
  it('collects every scalar of an event', () => {
    expect(allStrings({ a: { b: 'x' }, c: [1, null], d: false })).toEqual(['x', '1', 'false'])
  })
})
