import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readRuleFiles } from './read-rule-files.js'

describe('readRuleFiles tells Falco files from Sigma files by their first node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesiem-rule-files-'))
  const files: Record<string, string> = {
    'a-falco-block.yaml': '\ufeff# Falco rules\n%YAML 1.2\n---\n\n- list: allowed\n  items: [a]\n',
    'b-falco-flow.yaml': '[{macro: kevt, condition: ka.verb exists}]\n',
    'c-falco-anchored.yaml': '--- &rules\n- rule: r\n',
    'd-sigma.yml': '# a Sigma rule\ntitle: x\ndetection: {s: {verb: get}, condition: s}\n---\ntitle: y\n',
    'e-sigma-quoted.yml': '"title": x\n',
    'f-empty.yml': '# nothing but a comment\n',
    'g-broken.yml': 'title: [unclosed\n',
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)

  test('sequences are Falco, mappings and anything else go to the Sigma loader, in path order', () => {
    const read = readRuleFiles([dir])
    expect(read.falco.map((f) => f.path.slice(dir.length + 1))).toEqual(['a-falco-block.yaml', 'b-falco-flow.yaml', 'c-falco-anchored.yaml'])
    expect(read.sigma.map((f) => f.path.slice(dir.length + 1))).toEqual(['d-sigma.yml', 'e-sigma-quoted.yml', 'f-empty.yml', 'g-broken.yml'])
  })
})
