import RE2 from 're2'

/**
 * Compares one extracted string with the operator's right-hand side.
 * @example
 * const isGet: ScalarTest = (v) => v === 'get'
 */
export type ScalarTest = (value: string) => boolean

const isNumeric = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s))

function globToRegExp(glob: string, flags: string): RegExp {
  let src = ''
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]
    if (ch === '*') src += '[\\s\\S]*'
    else if (ch === '?') src += '[\\s\\S]'
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end < 0) src += '\\['
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')
        src += `[${body}]`
        i = end
      }
    } else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${src}$`, flags)
}

function hexBytes(hex: string): Buffer {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`"${hex}" is not an even-length hex string`)
  return Buffer.from(hex, 'hex')
}

function orderTest(op: string, rhs: string): ScalarTest {
  const cmp = (a: string): number => {
    // Numbers compare as numbers (len(), codes); anything else falls back to string order like strcmp.
    if (isNumeric(a) && isNumeric(rhs)) return Number(a) - Number(rhs)
    return a < rhs ? -1 : a > rhs ? 1 : 0
  }
  if (op === '<') return (v) => cmp(v) < 0
  if (op === '<=') return (v) => cmp(v) <= 0
  if (op === '>') return (v) => cmp(v) > 0
  return (v) => cmp(v) >= 0
}

/**
 * Build the test for a single-value operator against a literal (libsinsp `flt_compare` on strings).
 * Throws on an unusable literal (bad regex, bad hex), which the loader reports as a rule error.
 * @example
 * scalarTest('startswith', 'system:')('system:anonymous') // true
 */
export function scalarTest(op: string, rhs: string): ScalarTest {
  switch (op) {
    case '=':
    case '==':
      return (v) => v === rhs
    case '!=':
      return (v) => v !== rhs
    case 'contains':
      return (v) => v.includes(rhs)
    case 'icontains': {
      const low = rhs.toLowerCase()
      return (v) => v.toLowerCase().includes(low)
    }
    case 'bcontains': {
      const bytes = hexBytes(rhs)
      return (v) => Buffer.from(v).includes(bytes)
    }
    case 'startswith':
      return (v) => v.startsWith(rhs)
    case 'bstartswith': {
      const bytes = hexBytes(rhs)
      return (v) => Buffer.from(v).subarray(0, bytes.length).equals(bytes)
    }
    case 'endswith':
      return (v) => v.endsWith(rhs)
    case 'glob':
    case 'iglob': {
      const re = globToRegExp(rhs, op === 'iglob' ? 'i' : '')
      return (v) => re.test(v)
    }
    case 'regex': {
      // libsinsp runs RE2 with a full match; anchoring keeps user patterns linear-time and whole-string.
      const re = new RE2(`^(?:${rhs})$`)
      return (v) => re.test(v)
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return orderTest(op, rhs)
    default:
      throw new Error(`unknown operator "${op}"`)
  }
}

/**
 * `pmatch`: the value is one of the paths or lies below one of them.
 * @example
 * pmatchTest(['/etc'])('/etc/passwd') // true
 */
export function pmatchTest(prefixes: string[]): ScalarTest {
  const roots = prefixes.map((p) => (p.endsWith('/') && p.length > 1 ? p.slice(0, -1) : p))
  return (v) => roots.some((p) => v === p || v.startsWith(p === '/' ? '/' : `${p}/`))
}

/**
 * Compare two extracted values (field-to-field, `val(...)`): the literal is only known per event.
 * @example
 * compareValues('=', 'a', 'a') // true
 */
export function compareValues(op: string, lhs: string, rhs: string): boolean {
  return scalarTest(op, rhs)(lhs)
}
