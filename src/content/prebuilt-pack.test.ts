import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseYaml } from '../rules/sigma/index.js'
import { PREBUILT_PACK_PATH, readBundledPack, writePrebuiltPack } from './prebuilt-pack.js'
import { readBundledRules } from './read-rule-files.js'
import { BUNDLED_RULES_DIR } from './paths.js'

describe('the prebuilt parse of the bundled pack', () => {
  test('the build wrote it, and it is what parsing each bundled file gives', () => {
    // `npm test` builds first: the fast path must be the one the tests exercise.
    expect(existsSync(PREBUILT_PACK_PATH)).toBe(true)
    const pack = readBundledPack()
    const files = readBundledRules(BUNDLED_RULES_DIR)
    expect(pack.map((f) => f.path)).toEqual(files.map((f) => f.path))
    for (const [i, file] of files.entries()) expect(pack[i].parsed, file.path).toEqual(parseYaml(file.text))
  })

  test('an edited, added or moved rule file is parsed afresh, the unchanged ones come from the prebuilt parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-pack-'))
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'a.yml'), 'title: a\n')
    writeFileSync(join(dir, 'sub', 'b.yml'), 'title: b\n')
    const out = join(dir, 'parsed.json')
    expect(writePrebuiltPack(dir, out)).toBe(2)
    // A sentinel in the prebuilt file proves which files were taken from it.
    const prebuilt = JSON.parse(readFileSync(out, 'utf8')) as { files: Record<string, { parsed: { lineStarts: number[] } }> }
    for (const entry of Object.values(prebuilt.files)) entry.parsed.lineStarts = [-1]
    writeFileSync(out, JSON.stringify(prebuilt))
    writeFileSync(join(dir, 'a.yml'), 'title: a2\n')
    writeFileSync(join(dir, 'c.yml'), 'title: c\n')
    const byName = Object.fromEntries(readBundledPack(dir, out).map((f) => [f.path.slice(dir.length + 1), f.parsed!]))
    expect(byName['sub/b.yml'].lineStarts).toEqual([-1])
    expect(byName['a.yml']).toEqual(parseYaml('title: a2\n'))
    expect(byName['c.yml']).toEqual(parseYaml('title: c\n'))
  })

  test('without a prebuilt file (a checkout not built yet) every file is parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-pack-'))
    writeFileSync(join(dir, 'a.yml'), 'title: a\n')
    expect(readBundledPack(dir, join(dir, 'missing.json'))[0].parsed).toEqual(parseYaml('title: a\n'))
  })
})
