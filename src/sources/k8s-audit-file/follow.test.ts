import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { followAuditFile, type FollowCursor } from './follow.js'

const line = (id: string) => `${JSON.stringify({ kind: 'Event', auditID: id, stage: 'ResponseComplete', verb: 'get' })}\n`

/** Run a follower in the background, collecting auditIDs, until stopped. */
function startFollower(path: string, cursor?: FollowCursor) {
  const controller = new AbortController()
  const ids: string[] = []
  let last: FollowCursor | undefined
  const done = (async () => {
    for await (const batch of followAuditFile(path, { cluster: 'c', signal: controller.signal, pollMs: 20, cursor })) {
      for (const r of batch.records) if ('value' in r) ids.push((r.value as { auditID: string }).auditID)
      last = batch.cursor
    }
  })()
  return { ids, cursor: () => last, stop: async () => { controller.abort(); await done } }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20))
  expect(check()).toBe(true)
}

describe('followAuditFile', () => {
  test('tails growth, waits for a half-written line, follows a rename rotation, resumes from a cursor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-follow-'))
    const path = join(dir, 'audit.log')
    writeFileSync(path, line('1'))
    const f = startFollower(path)
    await until(() => f.ids.length === 1)
    appendFileSync(path, line('2') + line('3').slice(0, 10))
    await until(() => f.ids.length === 2)
    appendFileSync(path, line('3').slice(10))
    await until(() => f.ids.length === 3)
    // Rotation: the old file gets one more line after the rename, then a new file appears.
    renameSync(path, `${path}.1`)
    appendFileSync(`${path}.1`, line('4'))
    writeFileSync(path, line('5'))
    await until(() => f.ids.length === 5)
    expect(f.ids).toEqual(['1', '2', '3', '4', '5'])
    const cursor = f.cursor()!
    await f.stop()
    // Restart from the saved cursor: only what came after it.
    appendFileSync(path, line('6'))
    const g = startFollower(path, cursor)
    await until(() => g.ids.length === 1)
    expect(g.ids).toEqual(['6'])
    await g.stop()
  })

  test('a copytruncate rotation starts the file over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesiem-follow-'))
    const path = join(dir, 'audit.log')
    writeFileSync(path, line('1') + line('2'))
    const f = startFollower(path)
    await until(() => f.ids.length === 2)
    truncateSync(path, 0)
    appendFileSync(path, line('3'))
    await until(() => f.ids.length === 3)
    expect(f.ids).toEqual(['1', '2', '3'])
    await f.stop()
  })
})
