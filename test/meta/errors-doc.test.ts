import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ERRORS } from '../../src/core/errors.js'
import { renderErrorsDoc } from '../../src/tools/errors-doc.js'
import { ROOT } from '../e2e/helpers.js'

test('docs/errors.md lists every code of the catalogue, as generated (npm run docs:errors)', () => {
  const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8')
  const missing = Object.keys(ERRORS).filter((code) => !doc.includes(`\`${code}\``))
  expect(missing).toEqual([])
  expect(doc).toBe(renderErrorsDoc())
})

test('every code is KUBESIEM_ prefixed and every record has a message, a hint and a status', () => {
  const bad = Object.entries(ERRORS).filter(([code, r]) => !/^KUBESIEM_[A-Z0-9_]+$/.test(code) || !r.message || !r.hint || !(r.status >= 400 && r.status < 600))
  expect(bad.map(([code]) => code)).toEqual([])
})
