import { defineErrors } from './define.js'

/** Errors met while reading manifests and running posture checks. */
export const POSTURE_ERRORS = defineErrors({
  KUBESIEM_POSTURE_YAML_SYNTAX: {
    message: '{where}: cannot parse manifest: {detail}',
    hint: 'Fix the YAML (tabs are not allowed for indentation); the other documents in the file are still checked.',
    status: 400,
  },
  KUBESIEM_POSTURE_DUPLICATE_KEY: {
    message: '{where}: duplicate key: {detail}',
    hint: 'The API server rejects manifests with duplicate keys; keep one. This document was skipped.',
    status: 400,
  },
  KUBESIEM_POSTURE_NOT_AN_OBJECT: {
    message: '{where}: expected a Kubernetes object with apiVersion and kind, got {detail}',
    hint: 'Each YAML document (or List item) must be a mapping with apiVersion, kind and metadata.',
    status: 400,
  },
  KUBESIEM_POSTURE_FILE_UNREADABLE: {
    message: '{where}: cannot read manifest: {detail}',
    hint: 'Check that the path exists and is readable; other files are still checked.',
    status: 400,
  },
  KUBESIEM_POSTURE_BAD_PSS_VERSION: {
    message: 'unknown Pod Security Standards version "{version}"',
    hint: 'Use "latest" or a Kubernetes minor version such as "v1.37" or "1.30".',
    status: 400,
  },
  KUBESIEM_POSTURE_CHECK_FAILED: {
    message: '{where}: check {check} failed: {detail}',
    hint: 'This is a bug in the check; the other checks still ran. Please report it with the manifest.',
    status: 500,
  },
})
