import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatAgreement, kubescapeAgreement, polarisAgreement, type Agreement } from './agreement.js'

const DOC = readFileSync(path.resolve(process.cwd(), 'docs/posture.md'), 'utf8')
const totals = (list: Agreement[]) => `${list.flatMap((a) => a.cases).filter((c) => c.expected === c.ours).length}/${list.flatMap((a) => a.cases).length} cases agree`

// docs/posture.md shows these tables; a change in agreement must come with its explanation there.
describe('agreement with Kubescape regolibrary and Polaris fixtures (docs/posture.md)', () => {
  it('Kubescape: every shared rule row and the total are as documented', () => {
    const rows = kubescapeAgreement()
    expect(rows.length).toBeGreaterThan(80)
    expect(rows.map(formatAgreement).filter((row) => !DOC.includes(row))).toEqual([])
    expect(DOC).toContain(`### Kubescape regolibrary (${totals(rows)})`)
  })

  it('Polaris: every shared check row and the total are as documented', () => {
    const rows = polarisAgreement()
    expect(rows.length).toBeGreaterThan(20)
    expect(rows.map(formatAgreement).filter((row) => !DOC.includes(row))).toEqual([])
    expect(DOC).toContain(`### Polaris (${totals(rows)})`)
  })
})
