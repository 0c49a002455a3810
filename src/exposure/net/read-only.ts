import { KubesiemError } from '../../core/index.js'

// etcd's v3 gateway answers reads on POST (gRPC over JSON); 3.2 used v3alpha, 3.3 v3beta.
const ETCD_RANGE = /^\/v3(?:alpha|beta)?\/kv\/range$/
// IMDSv2: the session token is fetched with a PUT; it changes nothing on the instance.
const IMDS_TOKEN = '/latest/api/token'

/**
 * Refuse anything but a read before a byte is sent: GET, etcd's `POST /v3/kv/range`, and the
 * IMDSv2 token `PUT` when the caller says it runs the pod-local metadata probe.
 * @example assertReadOnly('POST', '/v3/kv/put') // throws KUBESIEM_EXPOSURE_NOT_READ_ONLY
 */
export function assertReadOnly(method: string, path: string, options: { metadataToken?: boolean } = {}): void {
  const bare = path.split('?')[0]!
  if (method === 'GET') return
  if (method === 'POST' && ETCD_RANGE.test(bare)) return
  if (method === 'PUT' && options.metadataToken && bare === IMDS_TOKEN) return
  throw new KubesiemError('KUBESIEM_EXPOSURE_NOT_READ_ONLY', { method, path })
}
