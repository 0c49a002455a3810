// Panther's Kubernetes rules ship hand-written audit events with their verdicts (conformance/panther-kubernetes,
// read from ../shared, never copied): benign ones must not raise anything at medium or above, alerting ones should
// raise our equivalent rule. Where we differ on purpose, the difference is listed with its reason.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileOfId, loaded, LOUD, readJsonLines, ruleOfFile, SHARED, stageVariants } from './pack.js'

const pantherTests = readJsonLines(fs.readFileSync(path.join(SHARED, 'conformance/panther-kubernetes/tests.jsonl'), 'utf8'))

describe('Panther Kubernetes test events', () => {
  it('is quiet (nothing at medium or above) on the benign Panther events', () => {
    // Panther's own logic says these events should not alert. Where our rule alerts on purpose, the disagreement is
    // written down here with its reason; an entry that no longer matches is reported as stale.
    const disagreements: Array<{ rule: string; panther: string; test: string; why: string }> = [
      { rule: 'privilege_escalation_role_with_wildcard.yml', panther: 'Kubernetes.Role.Wildcard', test: 'Updating existing role (not creating)', why: 'widening an existing role to * is the quiet escalation (Elastic: RBAC Wildcard Elevation on Existing Role)' },
      { rule: 'privilege_escalation_role_grants_pod_exec.yml', panther: 'Kubernetes.Role.PodExec', test: 'Updating existing role (not creating)', why: 'adding pods/exec to an existing role grants the same power as a new role' },
      { rule: 'defense_evasion_pod_created_in_system_namespace.yml', panther: 'Kubernetes.Pod.SystemNamespace', test: 'Deployment creating pod (not direct pod creation)', why: 'a Deployment in kube-system runs the same pods; the pods themselves are created by the replicaset controller, which every rule excludes' },
      { rule: 'privilege_escalation_role_grants_nodes_proxy.yml', panther: 'Kubernetes.Role.NodeProxyPermissions', test: 'Updating existing role (not creating)', why: 'adding nodes/proxy to an existing role grants the same power as a new role' },
    ]
    const loud = loaded.rules.filter((r) => LOUD.has(r.severity))
    const failures: string[] = []
    const used = new Set<number>()
    const lines = pantherTests
    let checked = 0
    for (const t of lines) {
      if (t.expected_result !== false || t.native_k8s_audit_shape !== true) continue
      checked++
      const variants = stageVariants(t.log)
      for (const r of loud) {
        if (!variants.some((v) => r.match(v))) continue
        const file = fileOfId.get(r.ref.id) ?? r.ref.id
        const known = disagreements.findIndex((d) => d.rule === file && d.panther === t.rule_id && d.test === t.test_name)
        if (known >= 0) used.add(known)
        else failures.push(`${file} (${r.severity}) matches Panther benign "${t.rule_id} / ${t.test_name}"`)
      }
    }
    disagreements.forEach((d, i) => {
      if (!used.has(i)) failures.push(`stale disagreement: ${d.rule} no longer matches "${d.panther} / ${d.test}"`)
    })
    expect(checked).toBeGreaterThan(100)
    expect(failures).toEqual([])
  })

  it('fires where Panther alerts, except where we differ on purpose', () => {
    // Panther rule -> our rule files, one of which must fire on each of its alerting native audit events. Panther's
    // threshold rules (Multiple403, BulkSecretAccess) are stateful there and correlations here, so they are left out.
    const EQUIVALENT: Record<string, string[]> = {
      'Amazon.EKS.AnonymousAPIAccess': ['initial_access_anonymous_request_allowed.yml'],
      'Kubernetes.API.AnonymousAccess': ['initial_access_anonymous_request_allowed.yml'],
      'Amazon.EKS.Audit.SystemNamespaceFromPublicIP': ['initial_access_system_identity_from_public_ip.yml'],
      'Kubernetes.System.Principal.PublicIP': ['initial_access_system_identity_from_public_ip.yml'],
      'Kubernetes.AdmissionController.Created': ['persistence_admission_webhook_created.yml'],
      'Kubernetes.ClientCertificate.Created': ['credential_access_client_certificate_requested.yml'],
      'Kubernetes.ClusterRoleBinding.Privileged': ['privilege_escalation_clusterrolebinding_cluster_admin.yml'],
      'Kubernetes.CronJob.CreatedOrModified': ['persistence_cronjob_created_or_modified.yml'],
      'Kubernetes.DaemonSet.Created': ['execution_daemonset_created.yml'],
      'Kubernetes.Pod.Exec': ['execution_pod_exec.yml'],
      'Kubernetes.Ingress.NoTLS': ['initial_access_ingress_without_tls.yml'],
      'Kubernetes.API.IOC.Activity': ['initial_access_request_from_ioc_address.yml'],
      'Kubernetes.Kubectl.CP.Operation': ['exfiltration_pod_exec_kubectl_cp_from_pod.yml'],
      'Kubernetes.Pod.SystemNamespace': ['defense_evasion_pod_created_in_system_namespace.yml'],
      'Kubernetes.Pod.Dangerous.Capabilities': ['privilege_escalation_dangerous_capabilities.yml'],
      'Kubernetes.Pod.Host.IPC': ['privilege_escalation_pod_with_hostipc.yml'],
      'Kubernetes.Pod.Host.Network': ['privilege_escalation_pod_with_hostnetwork.yml'],
      'Kubernetes.Pod.Host.PID': ['privilege_escalation_pod_with_hostpid.yml'],
      'Kubernetes.Pod.HostPath.Volume': ['privilege_escalation_sensitive_hostpath_mount.yml', 'privilege_escalation_hostpath_volume.yml'],
      'Kubernetes.Pod.Privileged.Created': ['privilege_escalation_privileged_container.yml'],
      'Kubernetes.Role.NodeProxyPermissions': ['privilege_escalation_role_grants_nodes_proxy.yml', 'privilege_escalation_role_with_wildcard.yml'],
      'Kubernetes.Role.PodExec': ['privilege_escalation_role_grants_pod_exec.yml'],
      'Kubernetes.Role.Wildcard': ['privilege_escalation_role_with_wildcard.yml'],
      'Kubernetes.Role.WritePermissions': ['persistence_role_with_write_verbs.yml'],
      'Kubernetes.Secret.AccessDenied': ['credential_access_secret_access_denied.yml'],
      'Kubernetes.Secrets.DumpAllNamespaces': ['credential_access_secrets_listed_cluster_wide.yml'],
      'Kubernetes.Service.NodePort.Deployed': ['initial_access_nodeport_service_created.yml'],
      'Kubernetes.ServiceAccount.TokenCreated': ['credential_access_serviceaccount_token_requested.yml'],
      'Kubernetes.Pod.StealServiceAccountToken': ['credential_access_pod_exec_serviceaccount_token_read.yml'],
      'Kubernetes.SystemRole.Modified': ['persistence_system_role_modified.yml'],
    }
    const differences: Record<string, string> = {
      'Anonymous API Access Web Scanner Allowed': '/version is readable by system:public-info-viewer on every cluster; we alert on anonymous access beyond public endpoints',
      'Anonymous API Access Web Scanner Denied': 'a single denied anonymous request is not an alert; bursts are the denied-burst correlation',
      'system user from non-AWS public IP - should alert': 'kubelets are excluded from the public-IP rule: telling AWS from non-AWS addresses needs IP enrichment',
      'attacker from non-AWS IP targeting AWS resource - should alert despite AWS target': 'same kubelet exclusion as above',
      'EKS Activity from Tor Exit Node': 'Panther marks the address through enrichment; our rule reads the deployment IOC list (%ioc_source_ips%), which does not hold 1.2.3.4',
      'Run-As-Root Pod Created': 'running as root without privileged is a posture finding (PSS restricted), not an audit alert',
      'Pod with runAsUser=0 (root)': 'same as above',
      'EKS failed secret get (404 Not Found)': 'a 404 is a missing secret, not a denied one',
    }
    const failures: string[] = []
    const usedDiff = new Set<string>()
    for (const t of pantherTests) {
      if (t.expected_result !== true || t.native_k8s_audit_shape !== true) continue
      const ours = EQUIVALENT[t.rule_id]
      if (!ours) continue
      const variants = stageVariants(t.log)
      const fired = ours.some((f) => variants.some((v) => ruleOfFile.get(f)?.match(v)))
      if (differences[t.test_name] !== undefined) {
        usedDiff.add(t.test_name)
        if (fired) failures.push(`"${t.rule_id} / ${t.test_name}" is listed as a difference but now fires: remove it from the list`)
      } else if (!fired) failures.push(`Panther "${t.rule_id} / ${t.test_name}" alerts; none of ${ours.join(', ')} fires`)
    }
    for (const name of Object.keys(differences)) if (!usedDiff.has(name)) failures.push(`stale difference "${name}"`)
    expect(failures).toEqual([])
  })
})
