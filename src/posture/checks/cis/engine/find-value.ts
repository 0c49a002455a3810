import { parse } from 'yaml'
import { evalJsonPath } from './jsonpath.js'
import type { TestItem } from './types.js'

/** Which audit output a test item is read from. */
export type AuditSource = 'command' | 'config' | 'env'

/** Whether the setting was found, its value, or why it could not be read. */
export interface Found {
  match: boolean
  value: string
  error?: string
}

/**
 * Find a test item's setting in one audit output, as kube-bench does for each source: a flag in a
 * command line (`--flag=v`, `--flag v`, `flag: v`, a bare `--bool-flag` reads "true"), a JSONPath
 * into a JSON/YAML config, or `NAME=value` in an environment dump.
 * @example
 * findValue({ flag: '--anonymous-auth', path: '', env: '', set: true }, 'command', 'kube-apiserver --anonymous-auth=false')
 * // { match: true, value: 'false' }
 */
export function findValue(item: TestItem, source: AuditSource, output: string): Found {
  if (source === 'env') return findEnv(item.env, output)
  if (source === 'config') return findPath(item.path, output)
  return findFlag(item, output)
}

function findFlag(item: TestItem, output: string): Found {
  const flag = item.flag
  if (output === '' || flag === '' || !output.includes(flag)) return { match: false, value: '' }
  let pattern: RegExp
  try {
    // The flag is used as a regular expression, unescaped, exactly as upstream builds it.
    pattern = new RegExp(`(${flag})(=|: *)*([^\\s]*) *`)
  } catch {
    return { match: false, value: '', error: `invalid flag in testItem definition: ${output}` }
  }
  const groups = pattern.exec(output)
  if (!groups) return { match: true, value: '', error: `invalid flag in testItem definition: ${output}` }
  if (groups[3]) return { match: true, value: groups[3] }
  // "--flag value" is only read when a value is compared, and never when the next token is a flag.
  if (item.compare?.op) {
    const spaced = new RegExp(`${escapeRegExp(flag)}\\s+([^\\s-][^\\s]*)`).exec(output)
    if (spaced) return { match: true, value: spaced[1] }
  }
  return { match: true, value: flag.startsWith('--') ? 'true' : groups[1] }
}

function findPath(path: string, output: string): Found {
  let data: unknown
  try {
    data = JSON.parse(output)
  } catch {
    try {
      data = parse(output)
    } catch (error) {
      return { match: false, value: '', error: `failed to load YAML or JSON from input "${output}": ${(error as Error).message}` }
    }
  }
  try {
    const value = evalJsonPath(path, data)
    return { match: value !== '', value }
  } catch (error) {
    return { match: false, value: '', error: `unable to parse path expression "${path}": ${(error as Error).message}` }
  }
}

function findEnv(env: string, output: string): Found {
  if (output === '' || env === '') return { match: false, value: '' }
  const hit = new RegExp(`${env}=.*(?:$|\\n)`).exec(output)?.[0] ?? ''
  const value = hit.replace('\n', '').replace(`${env}=`, '')
  return value.length > 0 ? { match: true, value } : { match: false, value: '' }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
