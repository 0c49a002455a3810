import { useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { apiFetch } from '../../api/client'
import { ErrorBox, Loading } from '../../components/common'
import { formatTime } from '../../model/format'
import './Page.css'

const EntrySchema = z.object({ time: z.string(), actor: z.string(), action: z.string(), target: z.string().optional(), detail: z.record(z.string(), z.unknown()).optional() })
export type AuditEntry = z.infer<typeof EntrySchema>

/** kubesiem's own actions, newest first: who logged in, acknowledged, changed a rule or an exception. */
export function AuditView({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="audit">
      <h1>Audit trail</h1>
      <table aria-label="Audit trail">
        <thead><tr><th>Time</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead>
        <tbody>{entries.map((e, i) => (
          <tr key={i}><td>{formatTime(e.time)}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.target ?? ''}</td>
            <td className="detail">{Object.entries(e.detail ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ')}</td></tr>
        ))}</tbody>
      </table>
    </div>
  )
}

export function AuditPage() {
  const audit = useQuery({ queryKey: ['audit'], queryFn: () => apiFetch('/api/audit?limit=500', z.object({ entries: z.array(EntrySchema) })) })
  if (audit.isPending) return <Loading what="audit trail" />
  return audit.data ? <AuditView entries={audit.data.entries} /> : <ErrorBox error={audit.error} />
}
