/** A value being encoded: text, or bytes held one per char (after utf16*). */
export interface Encoded {
  text: string
  binary: boolean
}

function bytesOf(v: Encoded): Buffer {
  return Buffer.from(v.text, v.binary ? 'latin1' : 'utf8')
}

/**
 * The `base64` modifier.
 * @example
 * base64({ text: 'cmd', binary: false }) // { text: 'Y21k', binary: false }
 */
export function base64(v: Encoded): Encoded {
  return { text: bytesOf(v).toString('base64'), binary: false }
}

/**
 * The `base64offset` modifier: the three stable middles of the value encoded at byte offsets 0, 1 and 2
 * (pySigma's start offsets 0,2,3 and end offsets by length mod 3).
 * @example
 * base64offset({ text: '/c', binary: false }).map((e) => e.text) // ['L2', 'ljI', 'gL2']
 */
export function base64offset(v: Encoded): Encoded[] {
  const bytes = bytesOf(v)
  const starts = [0, 2, 3]
  const ends = [0, -3, -2]
  const out: Encoded[] = []
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64')
    const end = ends[(bytes.length + i) % 3]
    out.push({ text: enc.slice(starts[i], end === 0 ? undefined : end), binary: false })
  }
  return out
}

/**
 * The `utf16le` / `wide`, `utf16be` and `utf16` (with BOM) modifiers.
 * @example
 * utf16({ text: 'cmd', binary: false }, 'le').text // 'c\0m\0d\0'
 */
export function utf16(v: Encoded, kind: 'le' | 'be' | 'bom'): Encoded {
  const le = Buffer.from(v.text, 'utf16le')
  let bytes = le
  if (kind === 'be') bytes = Buffer.from(le).swap16()
  if (kind === 'bom') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), le])
  return { text: bytes.toString('latin1'), binary: true }
}

const DASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015']

/**
 * Every windash permutation of a literal, used only when an encoding follows windash (else dashes are folded).
 * @example
 * windashVariants('-a').length // 5
 */
export function windashVariants(s: string, limit = 4096): string[] | undefined {
  let out = ['']
  for (const c of s) {
    const options = DASH_CHARS.includes(c) ? DASH_CHARS : [c]
    const next: string[] = []
    for (const prefix of out) for (const o of options) next.push(prefix + o)
    if (next.length > limit) return undefined
    out = next
  }
  return out
}
