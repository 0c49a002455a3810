import { describe, expect, it } from 'vitest'
import { pmatchTest, scalarTest } from './operators.js'

describe('scalarTest', () => {
  it('compares strings for equality and substrings', () => {
    expect(scalarTest('=', 'a')('a')).toBe(true)
    expect(scalarTest('==', 'a')('b')).toBe(false)
    expect(scalarTest('!=', 'a')('b')).toBe(true)
    expect(scalarTest('contains', 'pass')('my password')).toBe(true)
    expect(scalarTest('icontains', 'PASS')('my password')).toBe(true)
    expect(scalarTest('startswith', '2')('201')).toBe(true)
    expect(scalarTest('endswith', '.iam.gserviceaccount.com')('x@y.iam.gserviceaccount.com')).toBe(true)
  })

  it('compares bytes given as hex', () => {
    expect(scalarTest('bcontains', '2f6574')('/etc/passwd')).toBe(true)
    expect(scalarTest('bstartswith', '2f65')('/etc')).toBe(true)
    expect(scalarTest('bstartswith', '6574')('/etc')).toBe(false)
    expect(() => scalarTest('bcontains', 'xyz')).toThrow('hex')
  })

  it('orders numbers numerically and other strings lexically', () => {
    expect(scalarTest('<', '10')('9')).toBe(true)
    expect(scalarTest('>=', '200')('201')).toBe(true)
    expect(scalarTest('<', 'b')('a')).toBe(true)
    expect(scalarTest('>', 'b')('a')).toBe(false)
  })

  it('globs like fnmatch and regex matches the whole value with RE2', () => {
    expect(scalarTest('glob', 'system:*')('system:node:x')).toBe(true)
    expect(scalarTest('glob', 'a?c')('abc')).toBe(true)
    expect(scalarTest('glob', '[!x]bc')('abc')).toBe(true)
    expect(scalarTest('iglob', 'ADMIN*')('admin-user')).toBe(true)
    expect(scalarTest('regex', 'sys.*')('system')).toBe(true)
    expect(scalarTest('regex', 'sys')('system')).toBe(false)
    expect(() => scalarTest('regex', '(')).toThrow()
  })
})

describe('pmatchTest', () => {
  it('matches a path equal to or below a prefix, not a sibling with the same start', () => {
    const test = pmatchTest(['/etc', '/var/lib/'])
    expect(test('/etc')).toBe(true)
    expect(test('/etc/kubernetes')).toBe(true)
    expect(test('/etcetera')).toBe(false)
    expect(test('/var/lib/kubelet')).toBe(true)
    expect(pmatchTest(['/'])('/anything')).toBe(true)
  })
})
