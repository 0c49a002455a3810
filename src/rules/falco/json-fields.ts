import type { FieldDef } from './field-def.js'
import { eventNanos, formatNanos, jsonPointer, jsonString } from './json-values.js'

function timeField(name: string, description: string, render: (ns: bigint) => string): FieldDef {
  // Every rule of Falco's ruleset reads jevt.rawtime (k8s_audit_always_true): render it once per event.
  let lastEvent: unknown
  let lastText: string | undefined
  return {
    name, list: false, arg: 'none', description,
    extract: (ev) => {
      if (ev !== lastEvent) {
        const ns = eventNanos(ev)
        lastText = ns === undefined ? undefined : render(ns)
        lastEvent = ev
      }
      return lastText
    },
  }
}

function jsonFields(prefix: 'json' | 'jevt'): FieldDef[] {
  return [
    {
      name: `${prefix}.value`, list: false, arg: 'key', description: 'A value addressed by a JSON pointer (RFC 6901)',
      extract: (ev, a) => {
        const v = jsonPointer(ev, a.key ?? '')
        return v === undefined ? undefined : jsonString(v)
      },
    },
    // The json plugin indents the raw message with two spaces (Go json.Indent).
    { name: `${prefix}.obj`, list: false, arg: 'none', description: 'The full JSON message', extract: (ev) => JSON.stringify(ev, null, 2) },
    timeField(`${prefix}.rawtime`, 'The event time in nanoseconds since the epoch', (ns) => ns.toString()),
  ]
}

/**
 * Fields of the json plugin (`json.*`, legacy alias `jevt.*`) and the event fields Falco offers every source.
 * @example
 * JSON_FIELDS.find((f) => f.name === 'jevt.value')?.extract({ stage: 'ResponseComplete' }, { key: '/stage' }, {}) // 'ResponseComplete'
 */
export const JSON_FIELDS: FieldDef[] = [
  ...jsonFields('json'),
  ...jsonFields('jevt'),
  timeField('jevt.time', 'The event time as HH:MM:SS.nnnnnnnnn', (ns) => formatNanos(ns, 'time')),
  timeField('jevt.time.iso8601', 'The event time as ISO-8601', (ns) => formatNanos(ns, 'iso')),
  timeField('evt.rawtime', 'The event time in nanoseconds since the epoch', (ns) => ns.toString()),
  timeField('evt.time', 'The event time as HH:MM:SS.nnnnnnnnn', (ns) => formatNanos(ns, 'time')),
  timeField('evt.time.iso8601', 'The event time as ISO-8601', (ns) => formatNanos(ns, 'iso')),
  { name: 'evt.source', list: false, arg: 'none', description: 'The event source', extract: () => 'k8s_audit' },
]
