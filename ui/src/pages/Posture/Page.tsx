import { ErrorBox, Loading } from '../../components/common'
import { FindingsView } from '../../components/Findings'
import { useFindings } from '../../hooks/queries'
import './Page.css'

export const POSTURE_EMPTY = 'No posture findings stored yet: run `kubesiem posture` against a cluster snapshot with the server\'s store, or every check passed.'

export function PosturePage() {
  const posture = useFindings('posture')
  if (posture.isPending) return <Loading what="posture" />
  return posture.data ? <FindingsView title="Posture" data={posture.data} empty={POSTURE_EMPTY} /> : <ErrorBox error={posture.error} />
}
