import { spawn } from 'node:child_process'
import { appendFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { auditEvent, ROOT, runCliAsync, tempDataDir } from './helpers.js'

const line = (id: string) => `${JSON.stringify(auditEvent(id))}\n`

const storedSoFar = (stderr: string): number => [...stderr.matchAll(/stored (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0)

// Waits on what the follower reports rather than on fixed sleeps: a loaded machine starts it slowly.
async function until(what: string, holds: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Run `kubesiem ingest --follow`: once it has stored `before` events, run `whileRunning`; once it
 * has stored `after`, SIGINT it as a user would. Returns its stderr.
 */
async function followFor(file: string, data: string, stored: { before: number; after: number }, whileRunning: () => void): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubesiem.js'), 'ingest', '--follow', file, '--data', data, '--cluster', 'tail'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((resolve) => child.on('exit', resolve))
  try {
    await until(`${stored.before} events stored`, () => storedSoFar(stderr) >= stored.before)
    whileRunning()
    await until(`${stored.after} events stored`, () => storedSoFar(stderr) >= stored.after)
  } catch (error) {
    throw new Error(`${(error as Error).message}; the follower wrote: ${stderr}`)
  } finally {
    child.kill('SIGINT')
    await exited
  }
  return stderr
}

async function storedIds(data: string): Promise<string[]> {
  const run = await runCliAsync(['search', '--data', data, '--cluster', 'tail', '--format', 'json', '--limit', '100'])
  return run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).id).sort()
}

test('ingest --follow tails a rotating log through the real CLI and resumes from its saved offset after a restart', async () => {
  const data = tempDataDir()
  const file = join(data, 'audit.log')
  writeFileSync(file, line('f1') + line('f2'))
  await followFor(file, data, { before: 2, after: 3 }, () => appendFileSync(file, line('f3')))
  expect(await storedIds(data)).toEqual(['f1', 'f2', 'f3'])
  // While no follower runs, the log grows and then rotates.
  appendFileSync(file, line('f4'))
  const stderr = await followFor(file, data, { before: 1, after: 2 }, () => {
    renameSync(file, `${file}.1`)
    writeFileSync(file, line('f5'))
  })
  expect(stderr).toMatch(/following .* from \{"ino"/)
  expect(await storedIds(data)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5'])
}, 60_000)
