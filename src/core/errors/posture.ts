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
  KUBESIEM_POSTURE_BAD_EXCEPTION: {
    message: '{where}: bad exception: {detail}',
    hint: 'Each exception needs checkId and reason; resource (apiVersion, kind, namespace, name; name may end with *) and expires (YYYY-MM-DD) are optional.',
    status: 400,
  },
  KUBESIEM_POSTURE_KUBECONFIG_INVALID: {
    message: 'cannot use kubeconfig {file}: {detail}',
    hint: 'Check the path and, with --context, that the context exists (kubectl config get-contexts --kubeconfig FILE).',
    status: 400,
  },
  KUBESIEM_POSTURE_CLUSTER_UNREACHABLE: {
    message: 'cannot reach the cluster at {server} (context "{context}"): {detail}',
    hint: 'Check that the API server address in the kubeconfig is right and reachable from here (VPN, port-forward, firewall), then retry; or run on files from `kubesiem collect`.',
    status: 400,
  },
  KUBESIEM_POSTURE_LIST_FAILED: {
    message: 'cannot list {kind} ({apiVersion}): {detail}',
    hint: 'Bind the identity to the ClusterRole in deploy/kubesiem-reader-clusterrole.yaml; the other kinds were still read and checked.',
    status: 403,
  },
  KUBESIEM_POSTURE_BAD_SUBJECT: {
    message: 'unknown subject "{subject}"',
    hint: 'Name a subject as User:alice, Group:ops, ServiceAccount:NAMESPACE:NAME or system:serviceaccount:NAMESPACE:NAME.',
    status: 400,
  },
  KUBESIEM_POSTURE_BAD_CIS_DEFINITION: {
    message: '{where}: bad CIS check definition: {detail}',
    hint: 'Each check needs id, title, component, scored and, when decidable, a test on a flag, config path or env with a kube-bench comparison.',
    status: 500,
  },
  KUBESIEM_POSTURE_BAD_FEATURE_GATES: {
    message: '{where}: bad feature-gate table at "{field}": {detail}',
    hint: 'Regenerate content/k8s-feature-gates.json with the generator (docs/posture.md, "Refreshing the feature-gate snapshot") instead of editing it by hand.',
    status: 500,
  },
})
