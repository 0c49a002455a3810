// A module of its own: the CLI registers the flags without loading the scanner.
import { DEFAULT_SCAN_OPTIONS, METADATA_ADDRESS } from '../../exposure/defaults.js'

/**
 * `kubesiem scan` flags: flag, help, default. One table for the command and its docs.
 * @example for (const [flag, help, fallback] of SCAN_FLAGS) command.option(flag, help, fallback)
 */
export const SCAN_FLAGS: [string, string, string?][] = [
  ['--ports <list>', 'ports for targets that name none, e.g. 2379,10250-10259 (default: the Kubernetes ports)'],
  ['--format <format>', 'json (JSON Lines) or table', 'table'],
  ['--allow', 'also scan addresses outside private, loopback and link-local ranges'],
  ['--from-cluster <file>', 'add node, Service and Endpoints addresses from a snapshot (kubectl get nodes,services,endpoints -A -o json) or, given a kubeconfig, from the live cluster'],
  ['--from-pod', 'run as a pod: also probe the cloud metadata service and the API server with the pod\'s token'],
  ['--metadata-address <host:port>', `metadata service address for --from-pod (default ${METADATA_ADDRESS})`],
  ['--token-file <file>', 'service-account token for --from-pod', '/var/run/secrets/kubernetes.io/serviceaccount/token'],
  ['--concurrency <n>', 'endpoints probed at once', String(DEFAULT_SCAN_OPTIONS.concurrency)],
  ['--timeout <ms>', 'connect timeout, and read timeout per answer', String(DEFAULT_SCAN_OPTIONS.timeoutMs)],
  ['--rate <n>', 'new connections per second', String(DEFAULT_SCAN_OPTIONS.rate)],
  ['--max-bytes <n>', 'read at most this much of each answer', String(DEFAULT_SCAN_OPTIONS.maxBytes)],
  ['--max-cidr <n>', 'refuse CIDRs with more addresses than this', String(DEFAULT_SCAN_OPTIONS.maxCidrAddresses)],
]
