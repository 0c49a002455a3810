import { isRecord } from '../../../types.js'

/**
 * The subset of Kubernetes JSONPath templates benchmark files use: `{.a.b}`, `{.list[0]}`,
 * `{range .list[:]}{}{','}{end}` and `{'literal'}`. Missing keys print nothing (kube-bench sets
 * AllowMissingKeys); scalars print as Go would, objects and lists as JSON. Throws on a template it
 * cannot parse, so the caller can report it.
 * @example
 * evalJsonPath('{.authentication.anonymous.enabled}', { authentication: { anonymous: { enabled: false } } }) // 'false'
 */
export function evalJsonPath(template: string, data: unknown): string {
  const tokens = tokenize(template)
  let out = ''
  let i = 0
  const run = (end: number, current: unknown): void => {
    for (let k = i; k < end; k++) {
      const token = tokens[k]
      if (token.kind === 'text') out += token.value
      else if (token.kind === 'expr') out += print(select(token.value, current, data))
      else if (token.kind === 'range') {
        const close = matchEnd(tokens, k)
        const items = select(token.value, current, data)
        for (const item of Array.isArray(items) ? items : isRecord(items) ? Object.values(items) : []) {
          i = k + 1
          run(close, item)
        }
        k = close
      }
    }
  }
  run(tokens.length, data)
  return out
}

type Token = { kind: 'text' | 'expr' | 'range' | 'end'; value: string }

function tokenize(template: string): Token[] {
  const tokens: Token[] = []
  let rest = template
  while (rest.length > 0) {
    const open = rest.indexOf('{')
    if (open < 0) {
      tokens.push({ kind: 'text', value: rest })
      break
    }
    if (open > 0) tokens.push({ kind: 'text', value: rest.slice(0, open) })
    const close = closingBrace(rest, open)
    if (close < 0) throw new Error(`unclosed action in ${JSON.stringify(template)}`)
    const body = rest.slice(open + 1, close).trim()
    rest = rest.slice(close + 1)
    if (body === 'end') tokens.push({ kind: 'end', value: '' })
    else if (body.startsWith('range ')) tokens.push({ kind: 'range', value: body.slice(6).trim() })
    else if (/^'.*'$|^".*"$/s.test(body)) tokens.push({ kind: 'text', value: body.slice(1, -1) })
    else tokens.push({ kind: 'expr', value: body })
  }
  return tokens
}

function closingBrace(text: string, open: number): number {
  let quote = ''
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === "'" || c === '"') quote = c
    else if (c === '}') return i
  }
  return -1
}

function matchEnd(tokens: Token[], start: number): number {
  let depth = 0
  for (let k = start + 1; k < tokens.length; k++) {
    if (tokens[k].kind === 'range') depth++
    if (tokens[k].kind === 'end') {
      if (depth === 0) return k
      depth--
    }
  }
  throw new Error('range without end')
}

/** Walk `.a.b[0].c`, `[:]`/`[*]` (the whole list), `@` or empty (the current item); `$` is the root. */
function select(expression: string, current: unknown, root: unknown): unknown {
  if (expression === '' || expression === '@') return current
  let value: unknown = expression.startsWith('$') ? root : current
  const steps = expression.replace(/^[$@]/, '').match(/\.[^.[\]]+|\[[^\]]*\]/g)
  if (!steps) throw new Error(`unsupported JSONPath expression ${JSON.stringify(expression)}`)
  for (const step of steps) {
    if (value === undefined || value === null) return undefined
    if (step.startsWith('.')) value = isRecord(value) ? value[step.slice(1)] : undefined
    else {
      const index = step.slice(1, -1).trim()
      if (index === '*' || index === ':') continue
      if (!/^-?\d+$/.test(index)) throw new Error(`unsupported JSONPath index ${step}`)
      const n = Number(index)
      value = Array.isArray(value) ? value[n < 0 ? value.length + n : n] : undefined
    }
  }
  return value
}

function print(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
