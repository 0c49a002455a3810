/**
 * Test helpers for the SigmaHQ regression data: split concatenated JSON, flatten Windows events into
 * Sigma fields and apply the logsource mapping, exactly as index.json's how_to_use describes.
 */

/** Split a stream of concatenated JSON objects. */
export function splitJsonStream(text: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') {
      if (depth++ === 0) start = i
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)))
  }
  return out
}

/** Event.System.* and Event.EventData.* as top-level Sigma fields (attributes joined with `_`, spaces removed). */
export function flattenWindowsEvent(raw: unknown): Record<string, unknown> {
  const event = ((raw as Record<string, unknown>).Event ?? raw) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  const system = (event.System ?? {}) as Record<string, unknown>
  for (const [key, value] of Object.entries(system)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>
      const attrs = (obj['#attributes'] ?? {}) as Record<string, unknown>
      for (const [a, v] of Object.entries(attrs)) out[`${key}_${a}`] = v
      if ('#text' in obj) out[key] = obj['#text']
    } else out[key] = value
  }
  for (const section of ['EventData', 'UserData']) {
    const data = event[section]
    if (!data || typeof data !== 'object') continue
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (key === '#attributes') continue
      // UserData wraps its fields in one element named after the event (e.g. Operation_ClientFailure).
      if (section === 'UserData' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (k !== '#attributes') out[k.replace(/\s+/g, '')] = v
      } else out[key.replace(/\s+/g, '')] = value
    }
  }
  return out
}

const CATEGORY_EVENT_IDS: Record<string, number[]> = {
  process_creation: [1],
  file_event: [11],
  registry_set: [13],
  registry_delete: [12],
  registry_event: [12, 13, 14],
  image_load: [7],
  process_access: [10],
  pipe_created: [17, 18],
}

const SERVICE_CHANNELS: Record<string, string> = {
  security: 'Security',
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
}

/** Whether a flattened event belongs to a rule's windows logsource. */
export function fitsLogsource(event: Record<string, unknown>, logsource: { category?: string; service?: string }): boolean {
  if (logsource.category) {
    const ids = CATEGORY_EVENT_IDS[logsource.category]
    if (!ids || !ids.includes(Number(event.EventID))) return false
  }
  if (logsource.service) {
    const channel = SERVICE_CHANNELS[logsource.service]
    if (!channel || String(event.Channel).toLowerCase() !== channel.toLowerCase()) return false
  }
  return true
}
