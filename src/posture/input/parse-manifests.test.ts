import { describe, expect, it } from 'vitest'
import { parseManifests } from './parse-manifests.js'

describe('parseManifests', () => {
  it('reads multi-document YAML with the line of each object and the Helm source', () => {
    const text = [
      '---',
      '# Source: web/templates/deployment.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      '---',
      '# Source: web/templates/empty.yaml',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
    ].join('\n')
    const { objects, problems } = parseManifests(text, 'out.yaml')
    expect(problems).toEqual([])
    expect(objects.map((o) => [o.object.kind, o.origin.line, o.origin.helmSource])).toEqual([
      ['Deployment', 3, 'web/templates/deployment.yaml'],
      ['Service', 9, undefined],
    ])
  })

  it('flattens kind: List and typed lists from a kubectl JSON dump, line per item', () => {
    const dump = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'PodList', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }] },
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } },
        ],
      },
      null,
      2,
    )
    const { objects } = parseManifests(dump, 'dump.json')
    expect(objects.map((o) => o.object.kind)).toEqual(['Pod', 'Namespace'])
    const lines = dump.split('\n')
    expect(lines[objects[0].origin.line - 1]).toContain('{')
    expect(lines[objects[1].origin.line]).toContain('"apiVersion": "v1"')
  })

  it('reports duplicate keys and tabs with file:line and still returns the other documents', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n---\napiVersion: v1\nkind: Pod\nmetadata:\n\tname: c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n'
    const { objects, problems } = parseManifests(text, 'bad.yaml')
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['ok'])
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['KUBESIEM_POSTURE_DUPLICATE_KEY', 'bad.yaml', 5],
      ['KUBESIEM_POSTURE_YAML_SYNTAX', 'bad.yaml', 10],
    ])
    expect(problems[0].message).toMatch(/^bad\.yaml:5: duplicate key/)
  })

  it('keeps unknown kinds and CRDs, and reports documents that are not objects', () => {
    const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n- just\n- a list\n---\nfoo: bar\n'
    const { objects, problems } = parseManifests(text, 'x.yaml')
    expect(objects.map((o) => o.object.kind)).toEqual(['Widget'])
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['KUBESIEM_POSTURE_NOT_AN_OBJECT', 5],
      ['KUBESIEM_POSTURE_NOT_AN_OBJECT', 8],
    ])
  })
})

describe('parseManifests on JSON', () => {
  it('takes the fast path for a big kubectl dump and keeps per-item lines, nested lists included', () => {
    const items = Array.from({ length: 3 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { volumes: [{ projected: { sources: [{ configMap: { items: [{ key: 'a' }] } }] } }] } }))
    const nested = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'PodList', items }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }] }
    const text = JSON.stringify(nested, null, 2)
    const { objects, problems } = parseManifests(text, 'dump.json')
    expect(problems).toEqual([])
    const lines = text.split('\n')
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['p0', 'p1', 'p2', 'ns'])
    for (const o of objects) {
      // Each origin line opens the object: the next lines carry its apiVersion and kind.
      expect(lines[o.origin.line - 1].trim()).toBe('{')
      expect(lines.slice(o.origin.line, o.origin.line + 3).join('\n')).toContain(`"kind": "${o.object.kind}"`)
    }
    expect(parseManifests(JSON.stringify(items), 'array.json').objects).toHaveLength(3)
  })

  it('falls back to the YAML parser for JSON with a syntax error, with its line', () => {
    const { objects, problems } = parseManifests('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "x"\n}\n', 'broken.json')
    expect(objects).toEqual([])
    expect(problems[0]).toMatchObject({ code: 'KUBESIEM_POSTURE_YAML_SYNTAX', file: 'broken.json' })
  })
})
