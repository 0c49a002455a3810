import { Duplex } from 'node:stream'
import type { Socket } from 'node:net'

/**
 * A duplex over a TCP socket that hands every inbound chunk to `onData` before TLS sees it, so
 * the clear-text handshake can be read (Node's TLS socket consumes a raw socket natively).
 * @example tls.connect({ socket: new RecordTap(socket, (chunk) => chunks.push(chunk)) })
 */
export class RecordTap extends Duplex {
  constructor(
    private readonly socket: Socket,
    onData: (chunk: Buffer) => void,
  ) {
    super()
    socket.on('data', (chunk: Buffer) => {
      onData(chunk)
      this.push(chunk)
    })
    socket.on('end', () => this.push(null))
    socket.on('error', (error) => this.destroy(error))
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, callback)
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end()
    callback()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy()
    callback(error)
  }
}
