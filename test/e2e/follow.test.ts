import { spawn } from 'node:child_process'
import { appendFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { auditEvent, ROOT, runCliAsync, tempDataDir } from './helpers.js'

const line = (id: string) => `${JSON.stringify(auditEvent(id))}\n`

/** Run `kubesiem ingest --follow` until `stop` resolves, then SIGINT it as a user would. */
async function followFor(file: string, data: string, whileRunning: () => Promise<void>): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubesiem.js'), 'ingest', '--follow', file, '--data', data, '--cluster', 'tail'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  await new Promise((resolve) => setTimeout(resolve, 1500))
  await whileRunning()
  await new Promise((resolve) => setTimeout(resolve, 1500))
  child.kill('SIGINT')
  await new Promise((resolve) => child.on('exit', resolve))
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
  await followFor(file, data, async () => {
    appendFileSync(file, line('f3'))
  })
  expect(await storedIds(data)).toEqual(['f1', 'f2', 'f3'])
  // While no follower runs, the log grows and then rotates.
  appendFileSync(file, line('f4'))
  const stderr = await followFor(file, data, async () => {
    renameSync(file, `${file}.1`)
    writeFileSync(file, line('f5'))
  })
  expect(stderr).toMatch(/following .* from \{"ino"/)
  expect(await storedIds(data)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5'])
}, 60_000)
