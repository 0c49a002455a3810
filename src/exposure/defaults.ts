import type { ScanOptions } from './types.js'

/**
 * The ports scanned when a target names none: etcd client, peer and kubeadm metrics; API server;
 * insecure API port; kubelet and its read-only port; controller-manager; scheduler; kubectl proxy;
 * cAdvisor; the first NodePort (kube-hunter scans 30000 for the Dashboard).
 * @example DEFAULT_PORTS.includes(10250) // true
 */
export const DEFAULT_PORTS = [443, 2379, 2380, 2381, 4194, 6443, 8001, 8080, 10250, 10255, 10257, 10259, 30000]

/**
 * Limits of a scan. The timeout covers connect and, separately, the whole read of one answer;
 * 256 KiB holds any discovery answer while a hostile stream costs little; 200 connections a
 * second keeps a /24 of closed ports under 20 s without flooding anything.
 * @example const options = { ...DEFAULT_SCAN_OPTIONS, timeoutMs: 1000 }
 */
export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  ports: DEFAULT_PORTS,
  allowPublic: false,
  concurrency: 32,
  timeoutMs: 3000,
  maxBytes: 256 * 1024,
  rate: 200,
  maxCidrAddresses: 4096,
}

/** Where pods reach the cloud metadata service (AWS, GCP and Azure share the address). */
export const METADATA_ADDRESS = '169.254.169.254:80'
