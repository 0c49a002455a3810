import { ErrorBox, Loading } from '../../components/common'
import { FindingsView } from '../../components/Findings'
import { useFindings } from '../../hooks/queries'
import './Page.css'

export const EXPOSURE_EMPTY = 'No exposure findings stored yet: run `kubesiem scan` with the server\'s store, or nothing is exposed.'

export function ExposurePage() {
  const exposure = useFindings('exposure')
  if (exposure.isPending) return <Loading what="exposure" />
  return exposure.data ? <FindingsView title="Exposure" data={exposure.data} empty={EXPOSURE_EMPTY} /> : <ErrorBox error={exposure.error} />
}
