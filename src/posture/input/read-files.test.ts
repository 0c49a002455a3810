import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from './read-files.js'

describe('readManifestFiles', () => {
  it('walks folders for .yaml/.yml/.json in a stable order and reports unreadable paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-posture-'))
    mkdirSync(join(dir, 'sub'))
    mkdirSync(join(dir, '.git'))
    writeFileSync(join(dir, 'b.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n')
    writeFileSync(join(dir, 'a.json'), '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}')
    writeFileSync(join(dir, 'sub', 'c.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n')
    writeFileSync(join(dir, 'notes.txt'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: skipped}\n')
    writeFileSync(join(dir, '.git', 'x.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n')
    const { objects, problems } = await readManifestFiles([dir, join(dir, 'missing.yaml')])
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['a', 'b', 'c'])
    expect(objects[2].origin).toMatchObject({ file: join(dir, 'sub', 'c.yaml'), line: 1 })
    expect(problems.map((p) => p.code)).toEqual(['KUBESIEM_POSTURE_FILE_UNREADABLE'])
  })

  it('reads a file named explicitly whatever its extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-posture-'))
    writeFileSync(join(dir, 'rendered.txt'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')
    const { objects } = await readManifestFiles([join(dir, 'rendered.txt')])
    expect(objects).toHaveLength(1)
  })
})
