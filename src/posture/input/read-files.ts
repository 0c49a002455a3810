import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { formatMessage } from '../../core/errors.js'
import { parseManifests, type ParseResult } from './parse-manifests.js'

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

/**
 * Read manifests from files and folders (recursively, `.yaml`, `.yml`, `.json`; dot-folders and
 * node_modules are skipped). The only I/O in posture: everything else takes the objects this returns.
 * An unreadable path becomes a Problem; the other paths are still read.
 * @example
 * const { objects, problems } = await readManifestFiles(['./rendered', 'cluster-dump.json'])
 */
export async function readManifestFiles(paths: string[]): Promise<ParseResult> {
  const result: ParseResult = { objects: [], problems: [] }
  for (const path of paths) await readPath(path, true, result)
  return result
}

async function readPath(path: string, explicit: boolean, out: ParseResult): Promise<void> {
  try {
    const info = await stat(path)
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true })
      // Sorted so findings come out in the same order on every machine.
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
        if (entry.isDirectory() || MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
          await readPath(join(path, entry.name), false, out)
        }
      }
      return
    }
    // A file named on the command line is read whatever its extension (e.g. `helm template > out.txt`).
    if (!explicit && !MANIFEST_EXTENSIONS.has(extname(path).toLowerCase())) return
    const parsed = parseManifests(await readFile(path, 'utf8'), path)
    out.objects.push(...parsed.objects)
    out.problems.push(...parsed.problems)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    out.problems.push({
      code: 'KUBESIEM_POSTURE_FILE_UNREADABLE',
      severity: 'error',
      message: formatMessage('KUBESIEM_POSTURE_FILE_UNREADABLE', { where: path, detail }),
      file: path,
    })
  }
}
