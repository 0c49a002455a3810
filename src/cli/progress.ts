import cliProgress from 'cli-progress'

/** A progress bar on stderr for long ingests; silent when stderr is not a terminal. */
export interface Progress {
  update(bytes: number, records: number): void
  stop(): void
}

/**
 * @example const p = startProgress(totalBytes); p.update(done, n); p.stop()
 */
export function startProgress(totalBytes: number): Progress {
  if (!process.stderr.isTTY || totalBytes < 1024 * 1024) return { update: () => undefined, stop: () => undefined }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'ingest [{bar}] {percentage}% | {records} records | {value}/{total} MB', hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.ceil(totalBytes / 1048576), 0, { records: 0 })
  return {
    update: (bytes, records) => bar.update(Math.floor(bytes / 1048576), { records }),
    stop: () => bar.stop(),
  }
}
