import { describe, expect, it } from 'vitest'
import { allValues, compileFieldPath, toText } from './field-path.js'

function read(path: string, event: unknown): { found: boolean; values: unknown[] } {
  const { found, values } = compileFieldPath(path)(event)
  return { found, values: [...values] }
}

describe('compileFieldPath', () => {
  it('walks nested objects and every array element', () => {
    const ev = { requestObject: { spec: { containers: [{ image: 'a' }, { image: 'b' }, { name: 'no-image' }] } } }
    expect(read('requestObject.spec.containers.image', ev)).toEqual({ found: true, values: ['a', 'b'] })
  })
  it('reads a literal dotted key first', () => {
    expect(read('objectRef.resource', { 'objectRef.resource': 'pods' })).toEqual({ found: true, values: ['pods'] })
    expect(read('a.b.c', { 'a.b': { c: 1 } })).toEqual({ found: true, values: [1] })
    const annotated = { requestObject: { metadata: { annotations: { 'app.kubernetes.io/name': 'web', 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } } } }
    expect(read('requestObject.metadata.annotations.app.kubernetes.io/name', annotated).values).toEqual(['web'])
    expect(read('requestObject.metadata.annotations.seccomp.security.alpha.kubernetes.io/pod', annotated).values).toEqual(['unconfined'])
  })
  it('tells flattened events from nested ones event by event, whatever came before', () => {
    const nested = { objectRef: { resource: 'pods' }, verb: 'get' }
    const flat = { 'objectRef.resource': 'secrets', verb: 'get' }
    expect([nested, flat, flat, nested, { ...nested }, { ...flat }].map((ev) => read('objectRef.resource', ev).values)).toEqual([['pods'], ['secrets'], ['secrets'], ['pods'], ['pods'], ['secrets']])
  })
  it('flattens array leaves and reports missing fields', () => {
    expect(read('sourceIPs', { sourceIPs: ['1.1.1.1', '2.2.2.2'] }).values).toEqual(['1.1.1.1', '2.2.2.2'])
    expect(read('x.y', { x: 1 })).toEqual({ found: false, values: [] })
    expect(read('x', { x: null })).toEqual({ found: true, values: [null] })
  })
  it('reads below the top both a dotted key holding the rest of the path and the nested path, and nothing inherited', () => {
    expect(read('a.b.c', { a: { 'b.c': 1, b: { c: 2 } } }).values).toEqual([1, 2])
    expect(read('a.b.c', { a: [{ 'b.c': 1 }, { b: { c: 2 } }, { b: [{ c: 3 }] }] }).values).toEqual([1, 2, 3])
    expect(read('constructor.name', { x: 1 })).toEqual({ found: false, values: [] })
    expect(read('a.toString', { a: {} })).toEqual({ found: false, values: [] })
  })
})

describe('toText / allStrings', () => {
  it('turns scalars into text', () => {
    expect(toText(403)).toBe('403')
    expect(toText(true)).toBe('true')
    expect(toText({})).toBeUndefined()
  })
  it('collects every scalar of an event', () => {
    expect(allValues({ a: { b: 'x' }, c: [1, null], d: false }).values).toEqual(['x', '1', 'false'])
  })
  it('lower-cases each value once per event and field, for every reader of that field', () => {
    const event = { verb: ['GET', 1, { x: 1 }] }
    const read = compileFieldPath('verb')
    const first = read(event)
    expect(first.lower()).toEqual(['get', '1', undefined])
    expect(compileFieldPath('verb')(event).lower()).toBe(first.lower())
    expect([...read({ verb: 'LIST' }).lower()]).toEqual(['list'])
  })
})
