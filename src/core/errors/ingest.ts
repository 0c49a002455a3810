import { defineErrors } from './define.js'

/** Errors met while reading and decoding outside bytes into audit events. */
export const INGEST_ERRORS = defineErrors({
  KUBESIEM_INGEST_BAD_JSON: {
    message: '{where}: malformed JSON: {detail}',
    hint: 'Each line of a JSON Lines audit log must be one complete JSON object.',
    status: 400,
  },
  KUBESIEM_INGEST_NOT_AUDIT_EVENT: {
    message: '{where}: not a Kubernetes audit event: {detail}',
    hint: 'Expected an object with kind "Event" (audit.k8s.io/v1 or v1beta1), an EventList, or a JSON array of events.',
    status: 400,
  },
  KUBESIEM_INGEST_UNKNOWN_API_VERSION: {
    message: '{where}: unknown apiVersion "{apiVersion}"',
    hint: 'kubesiem reads audit.k8s.io/v1 and audit.k8s.io/v1beta1 events.',
    status: 400,
  },
  KUBESIEM_INGEST_BAD_GZIP: {
    message: '{where}: the gzip stream is truncated or corrupt: {detail}',
    hint: 'Events read before the damage are kept; re-copy the file if it was cut short.',
    status: 400,
  },
  KUBESIEM_INGEST_BAD_UTF8: {
    message: '{where}: invalid UTF-8',
    hint: 'Audit logs are UTF-8 JSON; the damaged record was skipped.',
    status: 400,
  },
  KUBESIEM_INGEST_BODY_TOO_LARGE: {
    message: 'request body is larger than the limit of {limit} bytes',
    hint: 'kube-apiserver webhook batches stay under ~10 MB; lower --audit-webhook-batch-max-size or raise ingest.maxBodyBytes.',
    status: 413,
  },
  KUBESIEM_INGEST_FILE_UNREADABLE: {
    message: '{where}: cannot read file: {detail}',
    hint: 'Check that the path exists and is readable.',
    status: 400,
  },
})
