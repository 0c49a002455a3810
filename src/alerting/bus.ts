import { EventEmitter } from 'node:events'
import type { Alert } from '../core/index.js'

/**
 * Live alerts for subscribers (the API's server-sent events). Publishing happens after the store
 * has the alert, so a subscriber never sees an alert the API cannot find.
 * @example const off = bus.subscribe((alert) => send(alert)); … off()
 */
export class AlertBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every open browser tab is one listener; the default warning at 10 is no leak here.
    this.emitter.setMaxListeners(0)
  }

  publish(alerts: Alert[]): void {
    for (const alert of alerts) this.emitter.emit('alert', alert)
  }

  subscribe(listener: (alert: Alert) => void): () => void {
    this.emitter.on('alert', listener)
    return () => this.emitter.off('alert', listener)
  }
}
