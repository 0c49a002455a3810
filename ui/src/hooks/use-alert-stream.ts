import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

/**
 * Live alerts over server-sent events; the browser sends the session cookie with the stream.
 * Each pushed alert refreshes the alert list and the overview.
 * @example const live = useAlertStream() // 'live' | 'connecting' | 'offline'
 */
export function useAlertStream(): 'live' | 'connecting' | 'offline' {
  const client = useQueryClient()
  const [state, setState] = useState<'live' | 'connecting' | 'offline'>('connecting')
  useEffect(() => {
    const source = new EventSource('/api/alerts/stream', { withCredentials: true })
    let timer: ReturnType<typeof setTimeout> | undefined
    source.onopen = () => setState('live')
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting')
    source.addEventListener('alert', () => {
      // A replay pushes many alerts at once: refresh once per burst.
      clearTimeout(timer)
      timer = setTimeout(() => {
        void client.invalidateQueries({ queryKey: ['alerts'] })
        void client.invalidateQueries({ queryKey: ['overview'] })
      }, 300)
    })
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [client])
  return state
}
