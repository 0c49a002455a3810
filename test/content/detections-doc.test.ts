// docs/detections.md maps every row of ../shared/DETECTIONS.md, and every rule file, to the pack.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, ruleFiles, SHARED } from './pack.js'

describe('docs/detections.md', () => {
  const detections = fs.readFileSync(path.join(SHARED, 'DETECTIONS.md'), 'utf8')
  const doc = fs.readFileSync(path.join(ROOT, 'docs/detections.md'), 'utf8')

  it('maps every DETECTIONS.md row', () => {
    const rows = [...detections.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]))
    expect(rows.length).toBeGreaterThanOrEqual(49)
    const missing = rows.filter((n) => !new RegExp(`^\\| ${n} \\|`, 'm').test(doc))
    expect(missing).toEqual([])
  })

  it('names only rule files that exist, and every rule file', () => {
    const named = new Set([...doc.matchAll(/`([a-z_]+\.yml)`/g)].map((m) => m[1]))
    const failures = [...named].filter((f) => !ruleFiles.includes(f)).map((f) => `docs name ${f}, which does not exist`)
    for (const f of ruleFiles) if (!named.has(f)) failures.push(`${f} is not in docs/detections.md`)
    expect(failures).toEqual([])
  })
})
