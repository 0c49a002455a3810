import { defineErrors } from './define.js'

/**
 * Errors of the exposure scanner. Probe failures (`UNRESOLVABLE` … `NOT_PROBED`) never stop a scan:
 * they are the reasons listed in the summary for targets that could not be probed.
 */
export const EXPOSURE_ERRORS = defineErrors({
  KUBESIEM_EXPOSURE_BAD_TARGET: {
    message: 'cannot read target "{target}": {detail}',
    hint: 'Give a host, host:port, [IPv6]:port or an IPv4 CIDR such as 10.0.0.0/24; the other targets are still scanned.',
    status: 400,
  },
  KUBESIEM_EXPOSURE_CIDR_TOO_LARGE: {
    message: 'CIDR {target} holds {size} addresses, more than the limit of {max}',
    hint: 'Split it into smaller ranges; the limit keeps a typo such as /8 from scanning millions of hosts.',
    status: 400,
  },
  KUBESIEM_EXPOSURE_NOT_ALLOWED: {
    message: '{target} resolves to {address}, outside the private, loopback and link-local ranges',
    hint: 'Scanning public addresses needs --allow, and permission from whoever owns them.',
    status: 400,
  },
  KUBESIEM_EXPOSURE_UNRESOLVABLE: {
    message: 'cannot resolve {target}: {detail}',
    hint: 'Check the name and the DNS this machine uses.',
    status: 400,
  },
  KUBESIEM_EXPOSURE_NO_ANSWER: {
    message: '{target} accepted the connection but sent nothing within {timeoutMs} ms',
    hint: 'A firewall, a proxy or a service that waits for a protocol we do not speak; raise --timeout to wait longer.',
    status: 504,
  },
  KUBESIEM_EXPOSURE_TIMEOUT: {
    message: '{target}: {phase} timed out after {timeoutMs} ms ({request})',
    hint: 'The port is filtered or the service is overloaded; raise --timeout to wait longer.',
    status: 504,
  },
  KUBESIEM_EXPOSURE_TLS_FAILED: {
    message: '{target}: TLS handshake failed: {detail}',
    hint: 'The service speaks TLS but refused our handshake (protocol, cipher or an alert); nothing more could be probed.',
    status: 502,
  },
  KUBESIEM_EXPOSURE_CONNECTION_FAILED: {
    message: '{target}: connection failed: {detail}',
    hint: 'The service reset or closed the connection; it may drop unknown clients.',
    status: 502,
  },
  KUBESIEM_EXPOSURE_ANSWER_CUT: {
    message: '{target}: answer to {request} cut at {maxBytes} bytes',
    hint: 'Only the first bytes are read so a hostile server cannot exhaust memory; the probe used what it read.',
    status: 502,
  },
  KUBESIEM_EXPOSURE_NOT_READ_ONLY: {
    message: 'refused to send {method} {path}: exposure probes are read-only',
    hint: 'This is a bug in a probe: only GET, etcd POST /v3/kv/range and the IMDSv2 token PUT (--from-pod) are allowed.',
    status: 500,
  },
  KUBESIEM_EXPOSURE_SNAPSHOT_UNREADABLE: {
    message: 'cannot read cluster snapshot {file}: {detail}',
    hint: 'Export one with: kubectl get nodes,services,endpoints -A -o json > cluster.json',
    status: 400,
  },
  KUBESIEM_EXPOSURE_CLUSTER_UNREADABLE: {
    message: 'cannot read the cluster behind kubeconfig {file}: {detail}',
    hint: 'Check the kubeconfig and that the API server is reachable, or export a snapshot (kubectl get nodes,services,endpoints -A -o json > cluster.json) and pass that file to --from-cluster.',
    status: 400,
  },
  KUBESIEM_EXPOSURE_BAD_OPTION: {
    message: 'invalid {option}: {detail}',
    hint: 'Run "kubesiem scan --help" for the accepted values.',
    status: 400,
  },
})
