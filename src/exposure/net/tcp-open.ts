import { connect } from 'node:net'

/** How a TCP connect ended. */
export type PortState = 'open' | 'closed' | 'timeout'

/**
 * Open a TCP connection and close it at once: is anything listening? A refused or reset connect is
 * `closed`; no answer within the timeout is `timeout` (filtered).
 * @example await tcpOpen('127.0.0.1', 2379, 1000) // 'open'
 */
export function tcpOpen(address: string, port: number, timeoutMs: number): Promise<PortState> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port })
    const done = (state: PortState): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(state)
    }
    const timer = setTimeout(() => done('timeout'), timeoutMs)
    socket.once('connect', () => done('open'))
    socket.once('error', () => done('closed'))
  })
}
